# shellcheck shell=bash
# The platform of `bench/run classroom` (bench/classroom.ts): the backend
# alone on port 7207 (bench-backend.sh). The bench is API only: no
# frontend. Desktops come from CS101's environment, published into the
# bench's registry first (publish_demo_environment).
# Smaller runs (the defaults are the benchmark's):
#   BENCH_CLASSROOM_DESKTOPS=35 BENCH_CLASSROOM_ACTIVE=5
#   BENCH_CLASSROOM_WINDOW_SECONDS=45 BENCH_CLASSROOM_CHANGES=60
#   BENCH_REVOKE_ROUNDS=2
# Needs: prepare.sh, platform.sh (publish_demo_environment),
# bench-backend.sh, a registry (LABSTAGE_REGISTRY_ADDR).
CLASSROOM_BACKEND_PORT=7207

run_classroom_bench() { # data-dir
  local dir="$1" url="http://localhost:$CLASSROOM_BACKEND_PORT"
  trap 'stop_platform; stop_bench_registry' EXIT
  start_bench_backend "$CLASSROOM_BACKEND_PORT" bench-classroom "$dir"
  publish_demo_environment "$url"
  log "benchmark: classroom (${BENCH_CLASSROOM_DESKTOPS:-35} CS101 desktops, ${BENCH_CLASSROOM_ACTIVE:-5} scrolling, under the Classroom tab; revoke → connection closed)"
  LABSTAGE_API_URL="$url" NODE_OPTIONS=--no-warnings \
    BENCH_RESULTS="${BENCH_RESULTS:-$LABSTAGE_ROOT/bench/results/latest.json}" \
    node bench/classroom.ts
  node bench/report.ts "${BENCH_REPORT_ARGS:---readme}"
}
