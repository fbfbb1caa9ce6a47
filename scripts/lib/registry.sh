# shellcheck shell=bash
# Runs the embedded OCI image registry: Debian's docker-registry (CNCF
# Distribution 2.8, the engine inside Harbor) on 127.0.0.1 with htpasswd auth
# (never anonymous, even on loopback) and its storage in the data folder.
# The credentials are made once per data folder and reach the backend
# through the environment, never the browser.

REGISTRY_ADDR="${LABSTAGE_REGISTRY_ADDR:-127.0.0.1:5000}"
REGISTRY_URL="http://$REGISTRY_ADDR"

registry_status() { # [user:password] -> HTTP status of GET /v2/
  curl -s -o /dev/null -w '%{http_code}' ${1:+-u "$1"} "$REGISTRY_URL/v2/" || true
}

write_registry_config() { # dir
  local dir="$1"
  cat >"$dir/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/storage
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
  log "starting the image registry on $REGISTRY_ADDR (storage: $dir/storage)"
  setsid docker-registry serve "$dir/config.yml" >>"$dir/registry.log" 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    [ "$(registry_status "$auth")" = 200 ] && return 0
    sleep 0.5
  done
  tail -20 "$dir/registry.log" >&2 || true
  die "the image registry did not come up (log: $dir/registry.log)"
}
