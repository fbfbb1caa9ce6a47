# shellcheck shell=bash
# The test cluster's real node: a kubelet of the same release on Debian's
# containerd (its own instance, beside Docker's), runc and Debian's CNI
# plugins, node IP 127.0.0.1. Images cannot be pulled from anywhere but the
# local registry, so the sandbox ("pause") image is built here from the
# release's own pause.c, and the desktop image is imported from Docker.
#
# Pod network: a bridge with no address on the host, no gateway and no
# masquerading. containerd wants every sandbox to have an IP, so pods get
# one, but nothing can route to or from them: the host never dials a pod IP
# (exec probes, port-forward through the API server), and pods reach
# nothing (the desktops' NetworkPolicy says the same for clusters that
# enforce it).
#
# If the kubelet cannot run here, ensure_kubernetes_node says why in
# LABSTAGE_KUBE_NODE_MISSING and the cluster keeps its kwok nodes only.
# Needs: kubernetes.sh (KUBERNETES_DIR, ports, kube_admin), prepare.sh.

KUBERNETES_PAUSE_IMAGE=labstage.local/pause:3.10

kube_ctr() { ctr --address "$KUBERNETES_DIR/containerd/containerd.sock" --namespace k8s.io "$@"; }

ensure_kubernetes_node_packages() {
  command -v containerd >/dev/null && command -v runc >/dev/null || apt_install containerd runc
  [ -x /usr/lib/cni/bridge ] || apt_install containernetworking-plugins
  command -v gcc >/dev/null && [ -e /usr/lib/x86_64-linux-gnu/libc.a ] || apt_install gcc libc6-dev
}

write_kubernetes_node_config() {
  local dir="$KUBERNETES_DIR" base="$KUBERNETES_PORT_BASE" pki="$KUBERNETES_DIR/pki"
  mkdir -p "$dir/containerd" "$dir/cni" "$dir/kubelet"
  cat >"$dir/containerd/config.toml" <<TOML
version = 2
root = "$dir/containerd/root"
state = "$dir/containerd/state"
[grpc]
  address = "$dir/containerd/containerd.sock"
[ttrpc]
  address = "$dir/containerd/containerd.sock.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$dir/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$KUBERNETES_PAUSE_IMAGE"
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  enable_selinux = false
  # This machine's root lacks CAP_SYS_RESOURCE, so no process may lower its
  # oom_score_adj, and runc failed every sandbox setting -998 ("failed to
  # update /proc/self/oom_score_adj: Permission denied"). Restricted, the
  # scores never go below containerd's own.
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$dir/cni"
  [plugins."io.containerd.grpc.v1.cri".registry.mirrors."${LABSTAGE_REGISTRY_ADDR:-127.0.0.1:5000}"]
    endpoint = ["http://${LABSTAGE_REGISTRY_ADDR:-127.0.0.1:5000}"]
TOML
  cat >"$dir/cni/10-labstage.conflist" <<JSON
{
  "cniVersion": "1.0.0",
  "name": "labstage-isolated",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "lbst$((base % 10000))",
      "isGateway": false,
      "ipMasq": false,
      "hairpinMode": false,
      "ipam": {
        "type": "host-local",
        "ranges": [[{ "subnet": "10.251.$((base % 200)).0/24" }]],
        "dataDir": "$dir/cni/ipam"
      }
    }
  ]
}
JSON
  cat >"$dir/kubelet/config.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: 127.0.0.1
port: $((base + 2))
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $((base + 6))
authentication:
  anonymous: { enabled: false }
  webhook: { enabled: true }
  x509: { clientCAFile: $pki/ca.crt }
authorization: { mode: Webhook }
tlsCertFile: $pki/kubelet-serving.crt
tlsPrivateKeyFile: $pki/kubelet-serving.key
containerRuntimeEndpoint: unix://$dir/containerd/containerd.sock
# cgroup v1 and no systemd here; a cgroup root of its own keeps this
# kubelet's pods apart from another cluster's on the same machine.
cgroupDriver: cgroupfs
cgroupRoot: /labstage-kubelet-$base
failSwapOn: false
# Imported images cannot be pulled again: never collect them.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: { memory.available: 100Mi, nodefs.available: 1%, imagefs.available: 1%, nodefs.inodesFree: 1% }
serializeImagePulls: false
maxPods: 110
nodeStatusReportFrequency: 10s
YAML
}

start_kubernetes_containerd() {
  start_kubernetes_process containerd containerd --config "$KUBERNETES_DIR/containerd/config.toml"
  for _ in $(seq 1 80); do
    kube_ctr version >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  return 1
}

# The sandbox image: the release's own pause.c, static, in an image of one file.
ensure_kubernetes_pause_image() {
  kube_ctr images ls -q "name==$KUBERNETES_PAUSE_IMAGE" | grep -q . && return 0
  local build source
  build="$(mktemp -d)"
  source="$(GOFLAGS=-mod=mod "$(go_command)" mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" |
    sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')/build/pause/linux/pause.c"
  gcc -Os -static -o "$build/pause" "$source" || return 1
  printf 'FROM scratch\nCOPY pause /pause\nUSER 65535:65535\nENTRYPOINT ["/pause"]\n' >"$build/Dockerfile"
  docker build -q -t "$KUBERNETES_PAUSE_IMAGE" "$build" >/dev/null &&
    docker save "$KUBERNETES_PAUSE_IMAGE" | kube_ctr images import - >/dev/null
  local status=$?
  rm -rf "$build"
  return $status
}

# Imports a Docker image into the node's containerd unless this very image
# (by Docker's image id) is there already.
import_image_into_kubernetes_node() { # image
  local image="$1" id stamp
  id="$(docker image inspect -f '{{.Id}}' "$image")" || return 1
  stamp="$KUBERNETES_DIR/containerd/imported-$(echo "$image" | tr '/:' '__')"
  if [ "$(cat "$stamp" 2>/dev/null)" = "$id" ] && kube_ctr images ls -q "name==docker.io/$image" | grep -q .; then return 0; fi
  log "importing $image into the Kubernetes node's containerd"
  docker save "$image" | kube_ctr images import - >/dev/null || return 1
  echo "$id" >"$stamp"
}

kubernetes_node_ready() {
  [ "$(kube_admin get node "$KUBERNETES_NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]
}

# The kubelet refuses a loopback --node-ip ("nodeIP can't be loopback
# address") and then reports no address at all, so the API server cannot
# reach it for exec, logs or port-forward ("no preferred addresses found").
# Any other address would send that traffic off loopback, so the node's
# address is set here, once it has registered; the kubelet leaves it as it
# is (it only logs that it could not validate its node IP).
give_kubernetes_node_loopback_address() {
  [ -n "$(kube_admin get node "$KUBERNETES_NODE_NAME" -o name 2>/dev/null)" ] || return 0
  [ -z "$(kube_admin get node "$KUBERNETES_NODE_NAME" -o jsonpath='{.status.addresses}' 2>/dev/null)" ] || return 0
  kube_admin patch node "$KUBERNETES_NODE_NAME" --subresource=status --type=merge \
    -p "{\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"127.0.0.1\"},{\"type\":\"Hostname\",\"address\":\"$KUBERNETES_NODE_NAME\"}]}}" >/dev/null
}

# The kubelet's cgroup root must exist in every cgroup v1 hierarchy first.
ensure_kubelet_cgroup_root() {
  local hierarchy
  for hierarchy in /sys/fs/cgroup/*/; do
    [ "$hierarchy" = /sys/fs/cgroup/unified/ ] && continue
    mkdir -p "$hierarchy/labstage-kubelet-$KUBERNETES_PORT_BASE" 2>/dev/null || true
  done
}

# Why the kubelet gave up, from its log: the first error it ended with.
kubelet_failure() {
  grep -E '"command failed"|E[0-9]{4} .*(failed to run Kubelet|Failed to start ContainerManager)' "$KUBERNETES_DIR/kubelet.log" |
    tail -1 | cut -c1-400
}

ensure_kubernetes_node() {
  LABSTAGE_KUBE_NODE=
  LABSTAGE_KUBE_NODE_MISSING=
  if [ "${LABSTAGE_KUBE_REAL_NODE:-1}" = 0 ]; then
    LABSTAGE_KUBE_NODE_MISSING="turned off (LABSTAGE_KUBE_REAL_NODE=0)"
  else
    ensure_kubernetes_node_packages
    write_kubernetes_node_config
    if ! start_kubernetes_containerd; then
      LABSTAGE_KUBE_NODE_MISSING="containerd did not start: $(tail -1 "$KUBERNETES_DIR/containerd.log")"
    elif ! ensure_kubernetes_pause_image; then
      LABSTAGE_KUBE_NODE_MISSING="the pause image could not be built"
    elif ! import_image_into_kubernetes_node "$DESKTOP_IMAGE"; then
      LABSTAGE_KUBE_NODE_MISSING="the desktop image $DESKTOP_IMAGE could not be imported into containerd"
    else
      ensure_kubelet_cgroup_root
      start_kubernetes_process kubelet "$KUBERNETES_BIN_DIR/kubelet" \
        --config "$KUBERNETES_DIR/kubelet/config.yaml" \
        --kubeconfig "$KUBERNETES_DIR/kubelet.kubeconfig" \
        --root-dir "$KUBERNETES_DIR/kubelet/root" \
        --cert-dir "$KUBERNETES_DIR/kubelet/pki" \
        --hostname-override "$KUBERNETES_NODE_NAME" --node-ip 127.0.0.1 --v=1
      for _ in $(seq 1 240); do
        give_kubernetes_node_loopback_address
        kubernetes_node_ready && { LABSTAGE_KUBE_NODE="$KUBERNETES_NODE_NAME"; break; }
        kubernetes_process_running kubelet || break
        sleep 0.25
      done
      [ -n "$LABSTAGE_KUBE_NODE" ] ||
        LABSTAGE_KUBE_NODE_MISSING="the kubelet did not become Ready: $(kubelet_failure || tail -1 "$KUBERNETES_DIR/kubelet.log")"
    fi
  fi
  export LABSTAGE_KUBE_NODE LABSTAGE_KUBE_NODE_MISSING
  [ -z "$LABSTAGE_KUBE_NODE_MISSING" ] || log "no real Kubernetes node: $LABSTAGE_KUBE_NODE_MISSING (desktop tests that need a display are skipped on Kubernetes and say so)"
}
