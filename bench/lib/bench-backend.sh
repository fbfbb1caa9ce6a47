# shellcheck shell=bash
# The backend alone, as `yarn start` runs it (development, SQLite in the
# bench's data folder, desktops on the local Docker Engine with no network),
# on a port of its own (metrics on port + 10) and with a deployment id of its
# own, so a bench runs beside a start command or an end-to-end platform on
# 7007 without either taking the other's containers for its own. Extra
# settings come as APP_CONFIG_* variables in the caller's environment.
# Needs: prepare.sh, platform.sh (wait_for_url, stop_platform).

start_bench_backend() { # port deployment-id data-dir
  local port="$1" deployment="$2" dir="$3"
  export LABSTAGE_DATA_DIR="$dir"
  PLATFORM_LOG="$dir/backend-$port.log"
  if curl -s -o /dev/null "http://127.0.0.1:$port"; then
    die "port $port is already in use (another bench?)"
  fi
  (
    cd "$LABSTAGE_ROOT/packages/backend" &&
      APP_CONFIG_backend_listen_port="$port" \
        APP_CONFIG_backend_baseUrl="http://localhost:$port" \
        APP_CONFIG_desktops_deploymentId="$deployment" \
        LABSTAGE_METRICS_PORT="$((port + 10))" \
        exec setsid node "$LABSTAGE_ROOT"/.yarn/releases/yarn-*.cjs start
  ) >>"$PLATFORM_LOG" 2>&1 &
  # shellcheck disable=SC2034 # stop_platform (platform.sh) stops it
  PLATFORM_PID=$!
  wait_for_url "http://127.0.0.1:$port/.backstage/health/v1/readiness" 300 backend
}
