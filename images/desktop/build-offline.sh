#!/usr/bin/env bash
# Builds the desktop image without a container registry:
#   1. mmdebstrap installs packages.txt from Debian's archive into a rootfs,
#      streamed into `docker import` (the base, tagged by the list's hash);
#   2. `docker build` of ./Dockerfile with that base adds the final layer.
# Both steps are skipped when their inputs are unchanged.
# Usage: build-offline.sh [IMAGE]   (default labstage/desktop:latest)
#        build-offline.sh --print-base   (the base image tag the package list maps to)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
image="${1:-labstage/desktop:latest}"
suite="${LABSTAGE_DEBIAN_SUITE:-bookworm}"
mirror="${LABSTAGE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
security_mirror="${LABSTAGE_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"

packages_hash="$(sha256sum "$here/packages.txt" | cut -c1-16)"
base="labstage/desktop-base:$suite-$packages_hash"
if [ "$image" = "--print-base" ]; then echo "$base"; exit 0; fi
inputs_hash="$( (cd "$here" && find . -type f ! -name '*.md' -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16)"

current="$(docker image inspect -f '{{index .Config.Labels "org.labstage.inputs"}}' "$image" 2>/dev/null || true)"
if [ "$current" = "$inputs_hash" ]; then
  echo "desktop image $image is up to date (inputs $inputs_hash)"
  exit 0
fi

start=$(date +%s)
if ! docker image inspect "$base" >/dev/null 2>&1; then
  command -v mmdebstrap >/dev/null || { echo "mmdebstrap is needed to build $base: apt-get install mmdebstrap" >&2; exit 1; }
  echo "building $base with mmdebstrap (a few minutes)"
  packages="$(grep -v '^#' "$here/packages.txt" | xargs | tr ' ' ',')"
  mmdebstrap --variant=minbase --mode=root --format=tar \
    --aptopt='APT::Install-Recommends "false"' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --include="$packages" \
    --customize-hook='mkdir -p "$1/etc/labstage" && touch "$1/etc/labstage/packages-installed"' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin' \
    "$suite" - \
    "deb $mirror $suite main" \
    "deb $mirror $suite-updates main" \
    "deb $security_mirror $suite-security main" \
    | docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$base" >/dev/null
fi

echo "building $image from $base"
docker build --quiet --network none \
  --build-arg "BASE_IMAGE=$base" \
  --label "org.labstage.inputs=$inputs_hash" \
  -t "$image" "$here" >/dev/null
echo "built $image in $(( $(date +%s) - start )) s; size $(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1000000}')"
