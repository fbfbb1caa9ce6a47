# shellcheck shell=bash
# The platform of `bench/run classroom` (bench/classroom.ts): the backend
# alone, as `yarn start` runs it (development, SQLite in the bench's data
# folder, desktops on the local Docker Engine with no network), but on a
# port of its own (7207, metrics on 7217) and with a deployment id of its
# own, so it runs beside a start command or an end-to-end platform on
# 7007 without either taking the other's containers for its own. The
# bench is API only: no frontend. Desktops come from CS101's environment,
# published into the bench's registry first (publish_demo_environment).
# Smaller runs (the defaults are the benchmark's):
#   BENCH_CLASSROOM_DESKTOPS=35 BENCH_CLASSROOM_ACTIVE=5
#   BENCH_CLASSROOM_WINDOW_SECONDS=45 BENCH_CLASSROOM_CHANGES=60
#   BENCH_REVOKE_ROUNDS=2
# Needs: prepare.sh, platform.sh (wait_for_url, stop_platform,
# publish_demo_environment), a registry (LABSTAGE_REGISTRY_ADDR).
CLASSROOM_BACKEND_PORT=7207

run_classroom_bench() { # data-dir
  local dir="$1" url="http://localhost:$CLASSROOM_BACKEND_PORT"
  export LABSTAGE_DATA_DIR="$dir"
  PLATFORM_LOG="$dir/backend.log"
  if curl -s -o /dev/null "http://127.0.0.1:$CLASSROOM_BACKEND_PORT"; then
    die "port $CLASSROOM_BACKEND_PORT is already in use (another classroom bench?)"
  fi
  (
    cd "$LABSTAGE_ROOT/packages/backend" &&
      APP_CONFIG_backend_listen_port="$CLASSROOM_BACKEND_PORT" \
        APP_CONFIG_backend_baseUrl="$url" \
        APP_CONFIG_desktops_deploymentId=bench-classroom \
        LABSTAGE_METRICS_PORT="$((CLASSROOM_BACKEND_PORT + 10))" \
        exec setsid node "$LABSTAGE_ROOT"/.yarn/releases/yarn-*.cjs start
  ) >"$PLATFORM_LOG" 2>&1 &
  # shellcheck disable=SC2034 # stop_platform (platform.sh) stops it
  PLATFORM_PID=$!
  trap 'stop_platform; stop_bench_registry' EXIT
  wait_for_url "http://127.0.0.1:$CLASSROOM_BACKEND_PORT/.backstage/health/v1/readiness" 300 backend
  publish_demo_environment "$url"
  log "benchmark: classroom (${BENCH_CLASSROOM_DESKTOPS:-35} CS101 desktops, ${BENCH_CLASSROOM_ACTIVE:-5} scrolling, under the Classroom tab; revoke → connection closed)"
  LABSTAGE_API_URL="$url" NODE_OPTIONS=--no-warnings \
    BENCH_RESULTS="${BENCH_RESULTS:-$LABSTAGE_ROOT/bench/results/latest.json}" \
    node bench/classroom.ts
  node bench/report.ts "${BENCH_REPORT_ARGS:---readme}"
}
