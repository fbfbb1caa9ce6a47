# shellcheck shell=bash
# Runs the embedded OCI image registry: Debian's docker-registry (CNCF
# Distribution 2.8, the engine inside Harbor) on 127.0.0.1 with htpasswd auth
# (never anonymous, even on loopback) and its storage in the data folder.
# The credentials are made once per data folder and reach the backend
# through the environment, never the browser.
#
# S3 storage instead of the data folder, when LABSTAGE_REGISTRY_S3_BUCKET is
# set (registryOnS3.test.ts proves the driver against a real S3 protocol
# server, see scripts/lib/s3-server.sh):
#   LABSTAGE_REGISTRY_S3_BUCKET      the bucket, which must exist
#   LABSTAGE_REGISTRY_S3_REGION      default us-east-1
#   LABSTAGE_REGISTRY_S3_ENDPOINT    an S3-compatible server's URL (path-style
#                                    requests; http:// means no TLS); unset: AWS
#   LABSTAGE_REGISTRY_S3_ACCESS_KEY, LABSTAGE_REGISTRY_S3_SECRET_KEY
#                                    unset: the AWS SDK's usual sources
#   LABSTAGE_REGISTRY_S3_ROOT        key prefix in the bucket, default /labstage
# Blobs are served through the registry (no redirects to S3), so the Docker
# engine only ever talks to the registry.

REGISTRY_ADDR="${LABSTAGE_REGISTRY_ADDR:-127.0.0.1:5000}"
REGISTRY_URL="http://$REGISTRY_ADDR"

registry_status() { # [user:password] -> HTTP status of GET /v2/
  curl -s -o /dev/null -w '%{http_code}' ${1:+-u "$1"} "$REGISTRY_URL/v2/" || true
}

registry_storage_config() { # dir -> the driver's lines of storage:
  if [ -z "${LABSTAGE_REGISTRY_S3_BUCKET:-}" ]; then
    printf '  filesystem:\n    rootdirectory: %s\n' "$1/storage"
    return
  fi
  local endpoint="${LABSTAGE_REGISTRY_S3_ENDPOINT:-}"
  printf '  s3:\n'
  printf '    %s: %s\n' bucket "$LABSTAGE_REGISTRY_S3_BUCKET" \
    region "${LABSTAGE_REGISTRY_S3_REGION:-us-east-1}" \
    rootdirectory "${LABSTAGE_REGISTRY_S3_ROOT:-/labstage}" v4auth true
  if [ -n "$endpoint" ]; then
    printf '    %s: %s\n' regionendpoint "$endpoint" forcepathstyle true
    case "$endpoint" in http://*) printf '    secure: false\n' ;; esac
  fi
  if [ -n "${LABSTAGE_REGISTRY_S3_ACCESS_KEY:-}" ]; then
    printf '    %s: %s\n' accesskey "$LABSTAGE_REGISTRY_S3_ACCESS_KEY" \
      secretkey "${LABSTAGE_REGISTRY_S3_SECRET_KEY:-}"
  fi
  printf '  redirect:\n    disable: true\n'
}

write_registry_config() { # dir
  local dir="$1"
  cat >"$dir/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
$(registry_storage_config "$dir")
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
  secret: $(cat "$dir/http-secret")
auth:
  htpasswd:
    realm: labstage
    path: $dir/htpasswd
YAML
}

ensure_registry() { # data-dir
  local dir="$1/registry"
  command -v docker-registry >/dev/null || {
    log "installing the OCI registry (Debian package docker-registry)"
    apt_install docker-registry
  }
  command -v htpasswd >/dev/null || apt_install apache2-utils
  mkdir -p "$dir/storage" && chmod 700 "$dir"
  if [ ! -s "$dir/credentials" ]; then
    (umask 077 && printf 'labstage\n%s\n' "$(openssl rand -hex 24)" >"$dir/credentials")
    (umask 077 && openssl rand -hex 32 >"$dir/http-secret")
  fi
  LABSTAGE_REGISTRY_USERNAME="$(sed -n 1p "$dir/credentials")"
  LABSTAGE_REGISTRY_PASSWORD="$(sed -n 2p "$dir/credentials")"
  export LABSTAGE_REGISTRY_URL="$REGISTRY_URL" LABSTAGE_REGISTRY_USERNAME LABSTAGE_REGISTRY_PASSWORD
  # The backend started after this reads them as desktops.registry.
  export APP_CONFIG_desktops_registry_url="$LABSTAGE_REGISTRY_URL" \
    APP_CONFIG_desktops_registry_username="$LABSTAGE_REGISTRY_USERNAME" \
    APP_CONFIG_desktops_registry_password="$LABSTAGE_REGISTRY_PASSWORD"

  local auth="$LABSTAGE_REGISTRY_USERNAME:$LABSTAGE_REGISTRY_PASSWORD"
  case "$(registry_status)" in
    401)
      # Something answers; it must be this data folder's registry.
      [ "$(registry_status "$auth")" = 200 ] ||
        die "$REGISTRY_ADDR is taken by another registry (not $dir); stop it or set LABSTAGE_REGISTRY_ADDR"
      return 0
      ;;
    000) ;;
    *) die "$REGISTRY_ADDR answers, but not as a registry with auth; stop whatever listens there" ;;
  esac

  (umask 077 && htpasswd -Bbc "$dir/htpasswd" "$LABSTAGE_REGISTRY_USERNAME" "$LABSTAGE_REGISTRY_PASSWORD" 2>/dev/null)
  write_registry_config "$dir"
  log "starting the image registry on $REGISTRY_ADDR (storage: ${LABSTAGE_REGISTRY_S3_BUCKET:+S3 bucket }${LABSTAGE_REGISTRY_S3_BUCKET:-$dir/storage})"
  # The registry's S3 driver panics when AWS_CA_BUNDLE is set.
  env -u AWS_CA_BUNDLE setsid docker-registry serve "$dir/config.yml" >>"$dir/registry.log" 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    [ "$(registry_status "$auth")" = 200 ] && return 0
    sleep 0.5
  done
  tail -20 "$dir/registry.log" >&2 || true
  die "the image registry did not come up (log: $dir/registry.log)"
}
