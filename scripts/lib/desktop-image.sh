# shellcheck shell=bash
# Makes sure the desktop image exists and matches images/desktop/. There is no
# registry to pull from, so images/desktop/build-offline.sh builds it from
# Debian packages (mmdebstrap) and Docker; it skips both steps when their
# inputs are unchanged, so this is a quick check on every start.
# Needs: log/die/apt_install from prepare.sh, and a reachable Docker (docker.sh).

DESKTOP_IMAGE="${LABSTAGE_DESKTOP_IMAGE:-labstage/desktop:latest}"

ensure_desktop_image() {
  local build="$LABSTAGE_ROOT/images/desktop/build-offline.sh"
  local started=$SECONDS base
  base="$("$build" --print-base)"
  # mmdebstrap is only needed when the package layer itself must be built.
  if ! docker image inspect "$base" >/dev/null 2>&1 && ! command -v mmdebstrap >/dev/null; then
    log "installing mmdebstrap (Debian package) to build the desktop image"
    apt_install mmdebstrap
  fi
  "$build" "$DESKTOP_IMAGE" 2>&1 | sed 's/^/[labstage]   /' || die "building the desktop image $DESKTOP_IMAGE failed"
  log "desktop image $DESKTOP_IMAGE is ready ($(( SECONDS - started )) s)"
}
