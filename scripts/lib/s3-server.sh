# shellcheck shell=bash
# A real S3 protocol server on loopback, for proving that the image registry
# can keep its data in S3 (plugins/desktops-backend/src/registry/registryOnS3.test.ts).
# It is gofakes3's own command, built once from the Go module proxy and kept
# outside the checkout, keyed by module version, so every clone on this
# machine reuses it. s3rver (what the materials S3 test runs in-process) lacks
# ListMultipartUploads, which the registry's s3 driver needs to resume a blob
# upload across requests, as every docker push does; gofakes3 has it.
# gofakes3 checks no signatures: any credentials are accepted, so a test
# against it proves the protocol, not the keys.
# Needs: log/die from prepare.sh.

S3_SERVER_MODULE=github.com/johannesboyne/gofakes3
S3_SERVER_VERSION=v1.2.0
S3_SERVER_BIN="${LABSTAGE_GO_BIN_CACHE:-/var/cache/labstage/go-bin}/gofakes3-$S3_SERVER_VERSION/gofakes3"

go_command() { command -v go || { [ -x /usr/local/go/bin/go ] && echo /usr/local/go/bin/go; } || true; }

# Builds the server unless this version is already cached; exports its path
# as LABSTAGE_S3_SERVER_BIN for the tests.
ensure_s3_server_bin() {
  if [ ! -x "$S3_SERVER_BIN" ]; then
    local go started=$SECONDS dir tmp
    go="$(go_command)"
    [ -n "$go" ] || die "Go is needed to build the S3 test server ($S3_SERVER_MODULE); install Go 1.24 or newer at /usr/local/go"
    dir="$(dirname "$S3_SERVER_BIN")"
    mkdir -p "$(dirname "$dir")" || die "cannot create $(dirname "$dir"); set LABSTAGE_GO_BIN_CACHE to a writable folder"
    log "building the S3 test server $S3_SERVER_MODULE@$S3_SERVER_VERSION (Go module proxy; about a minute the first time)"
    tmp="$(mktemp -d "$(dirname "$dir")/.build.XXXXXX")" && chmod 755 "$tmp"
    GOFLAGS=-mod=mod GOBIN="$tmp" "$go" install "$S3_SERVER_MODULE/cmd/gofakes3@$S3_SERVER_VERSION" ||
      { rm -rf "$tmp"; die "building $S3_SERVER_MODULE@$S3_SERVER_VERSION failed"; }
    # Another run may have finished the same build meanwhile; either copy will do.
    if [ -x "$S3_SERVER_BIN" ]; then rm -rf "$tmp"; else rm -rf "$dir" && mv "$tmp" "$dir"; fi
    log "S3 test server built in $(( SECONDS - started )) s: $S3_SERVER_BIN"
  fi
  export LABSTAGE_S3_SERVER_BIN="$S3_SERVER_BIN"
}

# Starts the server on 127.0.0.1 with its buckets under data-dir/s3 and
# credentials made once per data folder; reuses the one already serving that
# folder. Exports LABSTAGE_S3_ENDPOINT, LABSTAGE_S3_ACCESS_KEY and
# LABSTAGE_S3_SECRET_KEY. Bucket, if given, is created on start.
start_s3_server() { # data-dir [bucket]
  local dir="$1/s3" bucket="${2:-}" port
  ensure_s3_server_bin
  mkdir -p "$dir/data" && chmod 700 "$dir"
  if [ ! -s "$dir/credentials" ]; then
    (umask 077 && printf '%s\n%s\n' "$(openssl rand -hex 10)" "$(openssl rand -hex 20)" >"$dir/credentials")
  fi
  LABSTAGE_S3_ACCESS_KEY="$(sed -n 1p "$dir/credentials")"
  LABSTAGE_S3_SECRET_KEY="$(sed -n 2p "$dir/credentials")"
  export LABSTAGE_S3_ACCESS_KEY LABSTAGE_S3_SECRET_KEY
  if [ -s "$dir/port" ] && pid_file_alive "$dir/pid" >/dev/null &&
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(cat "$dir/port")/")" != 000 ]; then
    LABSTAGE_S3_ENDPOINT="http://127.0.0.1:$(cat "$dir/port")"
    export LABSTAGE_S3_ENDPOINT
    return 0
  fi
  rm -f "$dir/port" "$dir/pid"
  : >"$dir/s3-server.log"
  log "starting the S3 test server on 127.0.0.1 (buckets: $dir/data)"
  # Port 0: the server takes a free one and logs it.
  setsid "$S3_SERVER_BIN" -host 127.0.0.1:0 -backend fs -fs.path "$dir/data" -fs.create -quiet \
    ${bucket:+-initialbucket "$bucket"} >>"$dir/s3-server.log" 2>&1 </dev/null &
  write_pid_file "$dir/pid" $!
  for _ in $(seq 1 40); do
    port="$(sed -n 's/.*using port: \([0-9]*\).*/\1/p' "$dir/s3-server.log")"
    if [ -n "$port" ]; then
      echo "$port" >"$dir/port"
      export LABSTAGE_S3_ENDPOINT="http://127.0.0.1:$port"
      return 0
    fi
    sleep 0.25
  done
  tail -20 "$dir/s3-server.log" >&2 || true
  die "the S3 test server did not come up (log: $dir/s3-server.log)"
}

stop_s3_server() { # data-dir
  local pidfile="$1/s3/pid" pid
  if pid="$(pid_file_alive "$pidfile")"; then kill "$pid" 2>/dev/null || true; fi
  rm -f "$pidfile" "$1/s3/port"
}
