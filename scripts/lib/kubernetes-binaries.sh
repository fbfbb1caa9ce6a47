# shellcheck shell=bash
# The test cluster's binaries, built from the Go module proxy and cached
# outside the checkout keyed by version, so every clone on this machine (and
# CI's fresh one) reuses them. Go builds only these; the product is TypeScript.
#   - kube-apiserver, kube-controller-manager, kube-scheduler, kubelet and
#     kubectl from k8s.io/kubernetes through a wrapper module (the release's
#     own go.mod points its staging modules at ./staging, which `go install`
#     cannot follow, so the wrapper replaces each with its published v0.x.y);
#   - kine, the etcd API on SQLite (Debian's etcd 3.4 lacks the watch progress
#     requests the API server needs);
#   - kwok, for fake nodes, with the stages from its own module.
# Needs: log/die from prepare.sh, go_command from s3-server.sh.

# 1.34: the newest release whose kubelet still runs on cgroup v1 without
# failCgroupV1=false, and whose CRI fallback still talks to Debian's containerd 1.6.
KUBERNETES_VERSION=v1.34.4
KINE_VERSION=v0.17.5
KWOK_VERSION=v0.8.0
KUBERNETES_BIN_DIR="${LABSTAGE_GO_BIN_CACHE:-/var/cache/labstage/go-bin}/kubernetes-$KUBERNETES_VERSION-kine-$KINE_VERSION-kwok-$KWOK_VERSION"
KUBERNETES_COMMANDS=(kube-apiserver kube-controller-manager kube-scheduler kubelet kubectl)

# Writes the wrapper module for KUBERNETES_VERSION into the current folder.
write_kubernetes_wrapper_module() {
  local go="$1" staging_version="v0${KUBERNETES_VERSION#v1}" gomod module
  "$go" mod init labstage.local/kubernetes-binaries >/dev/null 2>&1
  gomod="$("$go" mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" | sed -n 's/^\t"GoMod": "\(.*\)",$/\1/p')"
  [ -s "$gomod" ] || die "could not download k8s.io/kubernetes@$KUBERNETES_VERSION from the Go module proxy"
  for module in $(sed -n 's#^\t\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\1#p' "$gomod"); do
    "$go" mod edit -replace="$module=$module@$staging_version"
  done
  "$go" mod edit -require="k8s.io/kubernetes@$KUBERNETES_VERSION"
}

build_kubernetes_binaries() { # out-dir
  local out="$1" go minor="${KUBERNETES_VERSION#v1.}" ldflags cmd packages=()
  go="$(go_command)"
  [ -n "$go" ] || die "Go is needed to build the test cluster (k8s.io/kubernetes $KUBERNETES_VERSION); install Go 1.24 or newer at /usr/local/go"
  minor="${minor%%.*}"
  # What hack/lib/version.sh sets, so `kubectl version` and /version tell the truth.
  ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION"
  ldflags+=" -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor"
  ldflags+=" -X k8s.io/component-base/version.gitTreeState=clean"
  ldflags+=" -X k8s.io/client-go/pkg/version.gitVersion=$KUBERNETES_VERSION"
  ldflags+=" -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=$minor"
  (
    set -e
    mkdir -p "$out/wrapper" && cd "$out/wrapper"
    write_kubernetes_wrapper_module "$go"
    for cmd in "${KUBERNETES_COMMANDS[@]}"; do packages+=("k8s.io/kubernetes/cmd/$cmd"); done
    GOFLAGS=-mod=mod "$go" get "${packages[@]/%/@$KUBERNETES_VERSION}" >/dev/null 2>&1 ||
      GOFLAGS=-mod=mod "$go" get "${packages[@]}"
    CGO_ENABLED=0 GOFLAGS=-mod=mod "$go" build -trimpath -ldflags "$ldflags" -o "$out/" "${packages[@]}"
    CGO_ENABLED=0 GOFLAGS=-mod=mod GOBIN="$out" "$go" install -trimpath -ldflags "-s -w" "github.com/k3s-io/kine@$KINE_VERSION"
    CGO_ENABLED=0 GOFLAGS=-mod=mod GOBIN="$out" "$go" install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
  )
}

# kwok's Stage objects from its own module (node initialize and heartbeat,
# pod ready/complete/delete: the "fast" set), as one config file.
write_kwok_stages() { # file
  local go stages file="$1"
  go="$(go_command)"
  stages="$(GOFLAGS=-mod=mod "$go" mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')/kustomize/stage"
  [ -d "$stages" ] || die "kwok's stages are missing from sigs.k8s.io/kwok@$KWOK_VERSION"
  for stage in "$stages"/node/fast/node-*.yaml "$stages"/node/heartbeat/node-heartbeat.yaml "$stages"/pod/fast/pod-*.yaml; do
    echo "---"
    cat "$stage"
  done >"$file.tmp" && mv "$file.tmp" "$file"
}

# Builds the binaries unless this version set is cached; exports
# KUBERNETES_BIN_DIR (and puts it first on PATH for kubectl).
ensure_kubernetes_binaries() {
  if [ ! -x "$KUBERNETES_BIN_DIR/kwok" ]; then
    local started=$SECONDS tmp parent
    parent="$(dirname "$KUBERNETES_BIN_DIR")"
    mkdir -p "$parent" || die "cannot create $parent; set LABSTAGE_GO_BIN_CACHE to a writable folder"
    log "building the test cluster: Kubernetes $KUBERNETES_VERSION, kine $KINE_VERSION, kwok $KWOK_VERSION (Go module proxy; 15-25 minutes on 2 cores the first time, cached after)"
    tmp="$(mktemp -d "$parent/.build.XXXXXX")" && chmod 755 "$tmp"
    build_kubernetes_binaries "$tmp" >"$tmp.log" 2>&1 ||
      { tail -30 "$tmp.log" >&2; rm -rf "$tmp"; die "building the test cluster failed (log: $tmp.log)"; }
    rm -rf "$tmp/wrapper" "$tmp.log"
    # Another run may have finished the same build meanwhile; either copy will do.
    if [ -x "$KUBERNETES_BIN_DIR/kwok" ]; then rm -rf "$tmp"; else rm -rf "$KUBERNETES_BIN_DIR" && mv "$tmp" "$KUBERNETES_BIN_DIR"; fi
    log "test cluster binaries built in $(( SECONDS - started )) s: $KUBERNETES_BIN_DIR"
  fi
  [ -s "$KUBERNETES_BIN_DIR/kwok-stages.yaml" ] || write_kwok_stages "$KUBERNETES_BIN_DIR/kwok-stages.yaml"
  export KUBERNETES_BIN_DIR
  case ":$PATH:" in *":$KUBERNETES_BIN_DIR:"*) ;; *) export PATH="$KUBERNETES_BIN_DIR:$PATH" ;; esac
}
