# shellcheck shell=bash
# `bench/run sessions`, class sessions (issue 13), in two parts:
# 1. bench/prewarmed-frame.ts: on the production build (build_production,
#    start_production), a student clicks Open on "your desktop is ready" →
#    first frame, in Chromium;
# 2. bench/warmup.ts: 30 CS101 students' desktops warmed up by a class
#    session, once per warm-up concurrency (2, 4 and 8), each on a fresh
#    start of the backend alone on port 7307 (bench-backend.sh) with that
#    desktops.sessions.warmUpConcurrency and a 2-second session tick.
# BENCH_SESSIONS_PARTS="warmup" skips the first part (or "prewarmed" the
# second). Smaller runs: BENCH_PREWARMED_RUNS=5 BENCH_WARMUP_DESKTOPS=6
# BENCH_WARMUP_CONCURRENCIES="2 4".
# Needs: prepare.sh, platform.sh, postgres.sh, production.sh,
# bench-backend.sh, a registry (LABSTAGE_REGISTRY_ADDR).
WARMUP_BACKEND_PORT=7307

run_sessions_bench() { # data-dir
  local dir="$1" url="http://localhost:$WARMUP_BACKEND_PORT"
  trap 'stop_platform; stop_bench_registry' EXIT
  local parts="${BENCH_SESSIONS_PARTS:-prewarmed warmup}"
  [[ " $parts " == *" prewarmed "* ]] && run_prewarmed_bench "$dir"
  [[ " $parts " == *" warmup "* ]] && run_warmup_bench "$dir" "$url"
  node bench/report.ts "${BENCH_REPORT_ARGS:---readme}"
}

run_prewarmed_bench() { # data-dir
  local dir="$1"
  # What a student's browser gets: the production build (minified, React's
  # production mode), served by the built backend on PostgreSQL.
  ensure_postgres
  build_production "$dir/app"
  start_production "$dir/app" "$dir/production" "$dir/production.log"
  # start_production sets its own trap; the bench's registry stops too.
  trap 'stop_platform; stop_bench_registry' EXIT
  publish_demo_environment "$PRODUCTION_URL"
  log "benchmark: pre-warmed desktop, click Open → first frame in Chromium (production build)"
  LABSTAGE_API_URL="$PRODUCTION_URL" LABSTAGE_URL="$PRODUCTION_URL" NODE_OPTIONS=--no-warnings \
    BENCH_RESULTS="${BENCH_RESULTS:-$LABSTAGE_ROOT/bench/results/latest.json}" \
    node bench/prewarmed-frame.ts
  stop_platform
}

run_warmup_bench() { # data-dir backend-url
  local dir="$1" url="$2" concurrency
  export APP_CONFIG_desktops_sessions_tickSeconds=2
  for concurrency in ${BENCH_WARMUP_CONCURRENCIES:-2 4 8}; do
    APP_CONFIG_desktops_sessions_warmUpConcurrency="$concurrency" \
      start_bench_backend "$WARMUP_BACKEND_PORT" bench-warmup "$dir"
    publish_demo_environment "$url"
    log "benchmark: warm-up of ${BENCH_WARMUP_DESKTOPS:-30} desktops, $concurrency at a time"
    LABSTAGE_API_URL="$url" NODE_OPTIONS=--no-warnings \
      BENCH_WARMUP_CONCURRENCY="$concurrency" BENCH_WARMUP_TICK_SECONDS=2 \
      BENCH_RESULTS="${BENCH_RESULTS:-$LABSTAGE_ROOT/bench/results/latest.json}" \
      node bench/warmup.ts
    stop_platform
  done
}
