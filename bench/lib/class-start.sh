# shellcheck shell=bash
# The platform of `bench/run class-start` (bench/class-start.ts): the
# production build on PostgreSQL with desktops as Kubernetes pods, on a
# cluster of its own with 20 kwok nodes (16 CPUs, 64 GiB each) and no real
# node. Everything is its own so it runs beside the tests and a start
# command: the cluster in /var/tmp/labstage-bench on port base 26443 (the
# tests' is 16443, a start command's 6443), the backend on 7107 (its metrics
# on 26451), databases prefixed labstage_bench_class_. The cluster is made
# anew for every run and stopped at the end, with the backend.
# Smaller or different runs (the defaults are the benchmark's):
#   CLASS_DESKTOPS=1000 CLASS_STUDENTS=<desktops> CLASS_CONCURRENCY=50
#   CLASS_NODES=20 CLASS_DELETE_PODS=100 CLASS_TIMEOUT=600 (s)
#   CLASS_QUIET_WAIT=900   how long to wait for the rest of the machine to
#                          quiet down before the burst (s)
#   CLASS_START_APP=<dir>  reuse a production build made by an earlier run
#                          (its path is logged) instead of building again
#   CLASS_START_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=<dir>"  profile the backend
# Needs: prepare.sh, platform.sh (wait_for_url, stop_platform).
source "$LABSTAGE_ROOT/scripts/lib/postgres.sh"
source "$LABSTAGE_ROOT/scripts/lib/production.sh"
source "$LABSTAGE_ROOT/scripts/lib/s3-server.sh"
source "$LABSTAGE_ROOT/scripts/lib/kubernetes-binaries.sh"
source "$LABSTAGE_ROOT/scripts/lib/kubernetes-pki.sh"
source "$LABSTAGE_ROOT/scripts/lib/kubernetes.sh"
source "$LABSTAGE_ROOT/scripts/lib/kubernetes-node.sh"

CLASS_START_DIR="${CLASS_START_DIR:-/var/tmp/labstage-bench}"
CLASS_START_PORT_BASE=26443
CLASS_START_BACKEND_PORT=7107
CLASS_START_DB_PREFIX=labstage_bench_class_
CLASS_START_NODES="${CLASS_NODES:-20}"

# Stops the bench cluster and waits until its processes are gone, so the
# next start finds its ports free.
stop_class_start_cluster() {
  local dir="$CLASS_START_DIR/kubernetes" pids=() name pid
  for name in kwok kube-scheduler kube-controller-manager kube-apiserver kine; do
    if pid="$(pid_file_alive "$dir/$name.pid")"; then pids+=("$pid"); fi
  done
  stop_kubernetes "$CLASS_START_DIR"
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
}

stop_class_start() {
  stop_platform
  stop_class_start_cluster
}

# What the backend started next runs: desktops as pods on the kwok nodes
# (their taint tolerated), homes as static volumes spread over all of them,
# and a running pod counts as a ready desktop (no display ever answers on
# kwok). Students keep the default quota of 2 running desktops: the class
# is 1,000 students with one desktop each.
class_start_app_config() {
  local nodes i
  kubernetes_app_config kubernetes
  nodes="$(for i in $(seq 1 "$CLASS_START_NODES"); do printf '"kwok-node-%s",' "$i"; done)"
  export APP_CONFIG_desktops_kubernetes="{\"kubeconfig\":\"$LABSTAGE_KUBECONFIG\",\"namespace\":\"$LABSTAGE_KUBE_NAMESPACE\",\"nodeSelector\":{\"type\":\"kwok\"},\"tolerations\":[{\"key\":\"kwok.x-k8s.io/node\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"}],\"storage\":{\"mode\":\"static\",\"nodeNames\":[${nodes%,}],\"hostPath\":\"$CLASS_START_DIR/homes\",\"size\":\"1Gi\"}}"
  export APP_CONFIG_desktops_simulation='{"runningWorkloadIsReady":true}'
  export APP_CONFIG_backend_listen_port="$CLASS_START_BACKEND_PORT"
}

# start_production's command line, on the bench's port and databases.
start_class_start_backend() { # built-dir data-dir log-file
  local dir="$1" url="http://localhost:$CLASS_START_BACKEND_PORT"
  export LABSTAGE_DATA_DIR="$2"
  PLATFORM_LOG="$3"
  mkdir -p "$LABSTAGE_DATA_DIR"
  if curl -s -o /dev/null "http://127.0.0.1:$CLASS_START_BACKEND_PORT"; then
    die "port $CLASS_START_BACKEND_PORT is already in use (another class-start bench?)"
  fi
  PRODUCTION_DB_PREFIX="$CLASS_START_DB_PREFIX" drop_production_databases
  # CLASS_START_NODE_OPTIONS: extra flags for node (e.g. --cpu-prof), split on spaces.
  # shellcheck disable=SC2086
  (
    cd "$dir" &&
      LABSTAGE_BASE_URL="$url" \
        BACKEND_SECRET="$(openssl rand -hex 32)" \
        LABSTAGE_DISPLAY_PASSWORD_KEY="$(openssl rand -hex 32)" \
        POSTGRES_HOST="$PG_SOCKET_DIR" POSTGRES_PORT=5432 \
        POSTGRES_USER=labstage POSTGRES_PASSWORD=labstage \
        LABSTAGE_DB_PREFIX="$CLASS_START_DB_PREFIX" \
        LABSTAGE_METRICS_PORT="$((CLASS_START_PORT_BASE + 8))" \
        NODE_ENV=production \
        exec setsid node --max-semi-space-size=8 ${CLASS_START_NODE_OPTIONS:-} packages/backend \
        --config "$LABSTAGE_ROOT/app-config.yaml" \
        --config "$LABSTAGE_ROOT/app-config.production.yaml" \
        --config "$LABSTAGE_ROOT/scripts/lib/app-config.local-production.yaml"
  ) >"$PLATFORM_LOG" 2>&1 &
  PLATFORM_PID=$!
  wait_for_url "http://127.0.0.1:$CLASS_START_BACKEND_PORT/.backstage/health/v1/readiness" 300 "built backend"
  BACKEND_URL_CLASS_START="$url"
}

run_class_start_bench() {
  ensure_postgres
  log "machine load before the class start: $(uptime | sed 's/.*load average/load average/')"
  # A fresh cluster every run: no pods, volumes or homes of an earlier one.
  stop_class_start_cluster
  rm -rf "$CLASS_START_DIR/kubernetes/kine" "$CLASS_START_DIR/homes" "$CLASS_START_DIR/data"
  trap stop_class_start EXIT
  LABSTAGE_KUBE_REAL_NODE=0 LABSTAGE_KWOK_NODES="$CLASS_START_NODES" \
    ensure_kubernetes "$CLASS_START_DIR" "$CLASS_START_PORT_BASE"
  local app="${CLASS_START_APP:-}"
  if [ -z "$app" ] || [ ! -d "$app/packages/backend" ]; then
    app="$CLASS_START_DIR/app"
    build_production "$app"
    log "production build for the class start: $app (CLASS_START_APP=$app reuses it)"
  fi
  class_start_app_config
  start_class_start_backend "$app" "$CLASS_START_DIR/data" "$CLASS_START_DIR/backend.log"
  log "benchmark: class start (${CLASS_DESKTOPS:-1000} desktops on $CLASS_START_NODES kwok nodes; backend log $PLATFORM_LOG)"
  LABSTAGE_API_URL="$BACKEND_URL_CLASS_START" BENCH_BACKEND_PID="$PLATFORM_PID" \
    CLASS_NODES="$CLASS_START_NODES" CLASS_HOMES_DIR="$CLASS_START_DIR/homes" \
    CLASS_BACKEND_LOG="$PLATFORM_LOG" CLASS_TIMELINE_FILE="$CLASS_START_DIR/timeline.json" \
    NODE_OPTIONS=--no-warnings \
    BENCH_RESULTS="${BENCH_RESULTS:-$LABSTAGE_ROOT/bench/results/latest.json}" \
    node bench/class-start.ts
  node bench/report.ts "${BENCH_REPORT_ARGS:---readme}"
}
