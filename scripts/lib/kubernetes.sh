# shellcheck shell=bash
# A real Kubernetes control plane on loopback, for the Kubernetes runtime's
# tests and `LABSTAGE_RUNTIME=kubernetes scripts/start`:
#   kine (etcd API on SQLite) → kube-apiserver (TLS, RBAC, Node authorizer,
#   PodSecurity) → kube-controller-manager, kube-scheduler → kwok fake nodes,
#   and, where this machine allows it, a real kubelet node
#   (scripts/lib/kubernetes-node.sh).
# Everything listens on 127.0.0.1 only (kine's metrics server, which would
# listen on every interface, is off). Labstage then talks to it as the
# ServiceAccount of deploy/kubernetes/labstage-desktops-rbac.yaml, never as
# an admin; the admin certificate is for this script alone.
#
# One cluster per data folder; ports come from a base (apiserver = base,
# kine = base+1, kubelet = base+2, controller-manager = base+3, scheduler =
# base+4, kwok = base+5, kubelet healthz = base+6), so the start command's
# cluster (6443) and the tests' (16443) run side by side.
# Needs: log/die/as_root from prepare.sh; kubernetes-binaries.sh, kubernetes-pki.sh.

KUBERNETES_NAMESPACE=labstage-desktops
KUBERNETES_NODE_NAME=labstage-node

kube_admin() { kubectl --kubeconfig "$KUBERNETES_DIR/admin.kubeconfig" "$@"; }

kubernetes_process_running() { # name
  pid_file_alive "$KUBERNETES_DIR/$1.pid" >/dev/null
}

# Starts a cluster component in the background unless it already runs; its
# output goes to <name>.log in the cluster folder.
start_kubernetes_process() { # name command...
  local name="$1"; shift
  kubernetes_process_running "$name" && return 0
  setsid "$@" >>"$KUBERNETES_DIR/$name.log" 2>&1 </dev/null &
  write_pid_file "$KUBERNETES_DIR/$name.pid" $!
}

wait_for_kubernetes() { # what seconds command...
  local what="$1" seconds="$2"; shift 2
  for _ in $(seq 1 $((seconds * 4))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  for log in "$KUBERNETES_DIR"/*.log; do echo "--- $log" >&2; tail -8 "$log" >&2; done
  die "the test cluster's $what did not come up within $seconds s (logs: $KUBERNETES_DIR)"
}

kubernetes_api_ready() { kube_admin --request-timeout=5s get --raw /readyz >/dev/null; }

# Stops one component and waits until it has exited.
stop_kubernetes_process() { # name
  local pid
  pid="$(pid_file_alive "$KUBERNETES_DIR/$1.pid")" || { rm -f "$KUBERNETES_DIR/$1.pid"; return 0; }
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$KUBERNETES_DIR/$1.pid"
}

# The controllers' and the scheduler's own request rate limits (client-go's
# defaults are 20 and 50 per second). At those, binding the homes of a class
# of 1,000 (four writes per claim, by one controller) took minutes, and pods
# reached the scheduler before their claims were bound.
KUBERNETES_CLIENT_QPS=200

write_scheduler_config() { # cluster-dir
  cat >"$1/scheduler-config.yaml" <<EOF
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
clientConnection:
  kubeconfig: $1/scheduler.kubeconfig
  qps: $KUBERNETES_CLIENT_QPS
  burst: $((KUBERNETES_CLIENT_QPS * 2))
leaderElection:
  leaderElect: false
enableProfiling: false
EOF
}

start_kubernetes_control_plane() {
  local dir="$KUBERNETES_DIR" pki="$KUBERNETES_DIR/pki" base="$KUBERNETES_PORT_BASE"
  # An API server left running against a kine that has died answers /readyz
  # but times out on everything else: it starts again with its store.
  kubernetes_process_running kine || stop_kubernetes_process kube-apiserver
  start_kubernetes_process kine "$KUBERNETES_BIN_DIR/kine" \
    --listen-address "127.0.0.1:$((base + 1))" \
    --endpoint "sqlite://$dir/kine/state.db?_journal=WAL&cache=shared&_busy_timeout=30000" \
    --emulated-etcd-version 3.5.21 --watch-progress-notify-interval 5s \
    --metrics-bind-address 0
  start_kubernetes_process kube-apiserver "$KUBERNETES_BIN_DIR/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$((base + 1))" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$base" \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --client-ca-file "$pki/ca.crt" \
    --kubelet-client-certificate "$pki/apiserver-kubelet-client.crt" \
    --kubelet-client-key "$pki/apiserver-kubelet-client.key" \
    --kubelet-certificate-authority "$pki/ca.crt" \
    --kubelet-preferred-address-types InternalIP \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$pki/service-account.pub" \
    --service-account-signing-key-file "$pki/service-account.key" \
    --service-cluster-ip-range 10.96.0.0/16 \
    --authorization-mode Node,RBAC \
    --enable-admission-plugins NodeRestriction \
    --allow-privileged=false --profiling=false --v=1 \
    --endpoint-reconciler-type none
  wait_for_kubernetes "API server" 90 kubernetes_api_ready
  start_kubernetes_process kube-controller-manager "$KUBERNETES_BIN_DIR/kube-controller-manager" \
    --kubeconfig "$dir/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$dir/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$dir/controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$((base + 3))" \
    --service-account-private-key-file "$pki/service-account.key" \
    --root-ca-file "$pki/ca.crt" --use-service-account-credentials \
    --cluster-signing-cert-file "$pki/ca.crt" --cluster-signing-key-file "$pki/ca.key" \
    --leader-elect=false --profiling=false --v=1 \
    --pvclaimbinder-sync-period 1s \
    --kube-api-qps "$KUBERNETES_CLIENT_QPS" --kube-api-burst "$((KUBERNETES_CLIENT_QPS * 2))"
  write_scheduler_config "$dir"
  start_kubernetes_process kube-scheduler "$KUBERNETES_BIN_DIR/kube-scheduler" \
    --config "$dir/scheduler-config.yaml" \
    --authentication-kubeconfig "$dir/scheduler.kubeconfig" \
    --authorization-kubeconfig "$dir/scheduler.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$((base + 4))" --v=1
  # kwok fakes the nodes annotated kwok.x-k8s.io/node=fake and their pods'
  # status; it never runs a container. Pod IPs it hands out are never dialled.
  start_kubernetes_process kwok "$KUBERNETES_BIN_DIR/kwok" \
    --kubeconfig "$dir/kwok.kubeconfig" \
    --config "$KUBERNETES_BIN_DIR/kwok-stages.yaml" \
    --manage-all-nodes=false \
    --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
    --node-ip 127.0.0.1 --cidr 10.250.0.0/16 \
    --server-address "127.0.0.1:$((base + 5))"
}

# Applies the RBAC of deploy/kubernetes and writes the kubeconfig Labstage
# uses: the ServiceAccount's token, the CA inline, the namespace as default.
write_labstage_kubernetes_access() {
  local dir="$KUBERNETES_DIR" token ca secret
  # The namespace first: the other files put objects in it.
  kube_admin apply -f "$LABSTAGE_ROOT/deploy/kubernetes/labstage-desktops-rbac.yaml" \
    -f "$LABSTAGE_ROOT/deploy/kubernetes/labstage-desktops-static-storage.yaml" \
    -f "$LABSTAGE_ROOT/deploy/kubernetes/backstage-kubernetes-plugin-rbac.yaml" >/dev/null ||
    die "applying deploy/kubernetes/*.yaml to the test cluster failed"
  for secret in labstage-desktops backstage-kubernetes-reader; do
    kube_admin apply -f - >/dev/null <<YAML
apiVersion: v1
kind: Secret
type: kubernetes.io/service-account-token
metadata:
  name: $secret-token
  namespace: $KUBERNETES_NAMESPACE
  annotations: { kubernetes.io/service-account.name: $secret }
YAML
  done
  wait_for_kubernetes "ServiceAccount token" 30 kubernetes_token_issued labstage-desktops-token
  wait_for_kubernetes "ServiceAccount token" 30 kubernetes_token_issued backstage-kubernetes-reader-token
  token="$(kube_admin -n "$KUBERNETES_NAMESPACE" get secret labstage-desktops-token -o jsonpath='{.data.token}' | base64 -d)"
  ca="$(base64 -w0 <"$dir/pki/ca.crt")"
  (umask 077 && cat >"$dir/labstage.kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters:
  - name: labstage-test
    cluster: { server: "$KUBERNETES_API_URL", certificate-authority-data: "$ca" }
users:
  - name: labstage-desktops
    user: { token: "$token" }
contexts:
  - name: labstage-desktops@labstage-test
    context: { cluster: labstage-test, user: labstage-desktops, namespace: $KUBERNETES_NAMESPACE }
current-context: labstage-desktops@labstage-test
YAML
  )
  kube_admin -n "$KUBERNETES_NAMESPACE" get secret backstage-kubernetes-reader-token -o jsonpath='{.data.token}' |
    base64 -d >"$dir/backstage-reader.token"
  chmod 600 "$dir/backstage-reader.token"
}

kubernetes_token_issued() { # secret
  [ -n "$(kube_admin -n "$KUBERNETES_NAMESPACE" get secret "$1" -o jsonpath='{.data.token}')" ]
}

# Registers `count` kwok nodes (kwok-node-N) with the given capacity, unless
# they exist. Pods need the toleration for kwok.x-k8s.io/node=fake.
add_kwok_nodes() { # count cpu memory
  local count="$1" cpu="$2" memory="$3" i
  for i in $(seq 1 "$count"); do
    cat <<YAML
---
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations: { kwok.x-k8s.io/node: fake, node.alpha.kubernetes.io/ttl: "0" }
  labels: { kubernetes.io/hostname: kwok-node-$i, kubernetes.io/os: linux, type: kwok }
spec:
  taints: [{ key: kwok.x-k8s.io/node, value: fake, effect: NoSchedule }]
status:
  allocatable: { cpu: "$cpu", memory: $memory, pods: "110" }
  capacity: { cpu: "$cpu", memory: $memory, pods: "110" }
YAML
  done | kube_admin apply -f - >/dev/null
}

# Starts (or reuses) the cluster of data-dir and exports, for the backend and
# the tests:
#   LABSTAGE_KUBECONFIG          the ServiceAccount's kubeconfig
#   LABSTAGE_KUBE_NAMESPACE      its namespace
#   LABSTAGE_KUBE_API_URL, LABSTAGE_KUBE_CA_FILE, LABSTAGE_KUBE_READER_TOKEN_FILE
#                                for Backstage's Kubernetes plugin (read-only)
#   LABSTAGE_KUBE_ADMIN_KUBECONFIG  cluster-admin, for tests that must act
#                                behind Labstage's back (never the backend)
#   LABSTAGE_KUBE_NODE           the real node's name, or empty with
#   LABSTAGE_KUBE_NODE_MISSING   why there is none
ensure_kubernetes() { # data-dir [port-base]
  KUBERNETES_DIR="$1/kubernetes"
  KUBERNETES_PORT_BASE="${2:-6443}"
  KUBERNETES_API_URL="https://127.0.0.1:$KUBERNETES_PORT_BASE"
  local started=$SECONDS
  ensure_kubernetes_binaries
  mkdir -p "$KUBERNETES_DIR/kine" && chmod 700 "$KUBERNETES_DIR"
  ensure_kubernetes_pki "$KUBERNETES_DIR/pki" "$KUBERNETES_NODE_NAME"
  local name
  for name in admin controller-manager scheduler kwok kubelet; do
    write_kubernetes_kubeconfig "$KUBERNETES_DIR/$name.kubeconfig" "$KUBERNETES_API_URL" "$KUBERNETES_DIR/pki" "$name"
  done
  log "starting the Kubernetes control plane $KUBERNETES_VERSION on $KUBERNETES_API_URL (logs: $KUBERNETES_DIR)"
  start_kubernetes_control_plane
  write_labstage_kubernetes_access
  add_kwok_nodes "${LABSTAGE_KWOK_NODES:-2}" 16 64Gi
  ensure_kubernetes_node
  export KUBERNETES_DIR LABSTAGE_KUBECONFIG="$KUBERNETES_DIR/labstage.kubeconfig"
  export LABSTAGE_KUBE_NAMESPACE="$KUBERNETES_NAMESPACE" LABSTAGE_KUBE_API_URL="$KUBERNETES_API_URL"
  export LABSTAGE_KUBE_CA_FILE="$KUBERNETES_DIR/pki/ca.crt"
  export LABSTAGE_KUBE_READER_TOKEN_FILE="$KUBERNETES_DIR/backstage-reader.token"
  export LABSTAGE_KUBE_ADMIN_KUBECONFIG="$KUBERNETES_DIR/admin.kubeconfig"
  log "Kubernetes is up in $(( SECONDS - started )) s: $(kube_admin get nodes --no-headers 2>/dev/null | wc -l) nodes${LABSTAGE_KUBE_NODE:+, real node $LABSTAGE_KUBE_NODE}${LABSTAGE_KUBE_NODE_MISSING:+ (no real node: $LABSTAGE_KUBE_NODE_MISSING)}"
}

stop_kubernetes() { # data-dir
  local dir="$1/kubernetes" name pid
  for name in kubelet kwok kube-scheduler kube-controller-manager kube-apiserver kine containerd; do
    if pid="$(pid_file_alive "$dir/$name.pid")"; then kill "$pid" 2>/dev/null || true; fi
    rm -f "$dir/$name.pid"
  done
}

# Points the backend started next at the cluster (Backstage reads APP_CONFIG_*
# variables as config, JSON values parsed):
#   - Backstage's Kubernetes plugin sees it read-only, as the
#     backstage-kubernetes-reader ServiceAccount (admins' cluster views);
#   - with runtime=kubernetes, desktops run there as pods, their homes as
#     static local volumes on the real node (or kwok nodes, without one).
kubernetes_app_config() { # runtime: docker|kubernetes
  local token nodes
  token="$(cat "$LABSTAGE_KUBE_READER_TOKEN_FILE")"
  export APP_CONFIG_kubernetes_clusterLocatorMethods="[{\"type\":\"config\",\"clusters\":[{\"name\":\"labstage-local\",\"url\":\"$LABSTAGE_KUBE_API_URL\",\"authProvider\":\"serviceAccount\",\"serviceAccountToken\":\"$token\",\"caFile\":\"$LABSTAGE_KUBE_CA_FILE\",\"skipMetricsLookup\":true}]}]"
  if [ "$1" = kubernetes ]; then
    nodes="\"${LABSTAGE_KUBE_NODE:-kwok-node-1}\""
    export APP_CONFIG_desktops_runtime=kubernetes
    export APP_CONFIG_desktops_kubernetes="{\"kubeconfig\":\"$LABSTAGE_KUBECONFIG\",\"namespace\":\"$LABSTAGE_KUBE_NAMESPACE\",\"storage\":{\"mode\":\"static\",\"nodeNames\":[$nodes],\"hostPath\":\"$KUBERNETES_DIR/homes\",\"size\":\"2Gi\"}}"
  else
    unset APP_CONFIG_desktops_runtime APP_CONFIG_desktops_kubernetes
  fi
}
