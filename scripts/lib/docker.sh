# shellcheck shell=bash
# Makes a Docker Engine reachable for the desktops. When none is running and we
# may act as root on Debian/Ubuntu, installs docker.io and starts dockerd with
# no bridge and no iptables rules: desktops run with --network none, so
# Labstage never needs (or creates) a private-range network.

DOCKERD_LOG="${DOCKERD_LOG:-/var/log/labstage-dockerd.log}"

docker_reachable() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

ensure_docker() {
  if docker_reachable; then return; fi
  if ! command -v dockerd >/dev/null; then
    log "installing Docker Engine (Debian package docker.io)"
    apt_install docker.io
  fi
  if docker_reachable; then return; fi
  log "starting dockerd (no bridge, no iptables; log: $DOCKERD_LOG)"
  as_root bash -c "setsid dockerd --bridge=none --iptables=false --ip6tables=false >>'$DOCKERD_LOG' 2>&1 < /dev/null &"
  for _ in $(seq 1 60); do
    if docker_reachable; then return; fi
    sleep 0.5
  done
  tail -20 "$DOCKERD_LOG" >&2 || true
  die "dockerd did not come up (log: $DOCKERD_LOG)"
}
