# shellcheck shell=bash
# The production path of the README, as a deployment runs it: `yarn
# build:backend` (the backend bundle, with the built frontend it serves), a
# production-only install of the bundle, then `node packages/backend` with
# app-config.yaml + app-config.production.yaml against PostgreSQL.
PRODUCTION_URL="http://localhost:7007"
PRODUCTION_DB_PREFIX="labstage_prod_e2e_"

build_production() { # target-dir
  local dir="$1" log="$1.log"
  log "building the backend and the frontend for production (yarn build:backend)"
  yarn build:backend >"$log" 2>&1 || { tail -40 "$log"; die "yarn build:backend failed (log: $log)"; }
  rm -rf "$dir" && mkdir -p "$dir/.yarn"
  # The workspace's package.json files first, with the root's and the
  # lockfile, so the production install runs before the code arrives, as in
  # Backstage's Dockerfile.
  tar -xzf packages/backend/dist/skeleton.tar.gz -C "$dir"
  cp package.json yarn.lock .yarnrc.yml "$dir/" && cp -r .yarn/releases "$dir/.yarn/"
  cp -r templates "$dir/"
  log "installing the bundle's production dependencies"
  (cd "$dir" && yarn workspaces focus --all --production) >>"$log" 2>&1 ||
    { tail -40 "$log"; die "the production install failed (log: $log)"; }
  tar -xzf packages/backend/dist/bundle.tar.gz -C "$dir"
}

# Drops the databases earlier runs of the built backend left behind.
drop_production_databases() {
  local db
  for db in $(as_root su postgres -c "psql -qtAc \"SELECT datname FROM pg_database WHERE datname LIKE '${PRODUCTION_DB_PREFIX}%'\""); do
    as_root su postgres -c "psql -qc 'DROP DATABASE \"$db\" WITH (FORCE)'" >/dev/null
  done
}

start_production() { # built-dir data-dir log-file
  local dir="$1"
  export LABSTAGE_DATA_DIR="$2"
  PLATFORM_LOG="$3"
  mkdir -p "$LABSTAGE_DATA_DIR"
  if curl -s -o /dev/null "http://127.0.0.1:7007"; then
    die "port 7007 is already in use; stop the other Labstage first"
  fi
  drop_production_databases
  # Secrets are made up per run: nothing outlives it. The young-generation
  # cap is the README's production command line (idle memory).
  (
    cd "$dir" &&
      LABSTAGE_BASE_URL="$PRODUCTION_URL" \
        BACKEND_SECRET="$(openssl rand -hex 32)" \
        LABSTAGE_DISPLAY_PASSWORD_KEY="$(openssl rand -hex 32)" \
        POSTGRES_HOST="$PG_SOCKET_DIR" POSTGRES_PORT=5432 \
        POSTGRES_USER=labstage POSTGRES_PASSWORD=labstage \
        LABSTAGE_DB_PREFIX="$PRODUCTION_DB_PREFIX" \
        NODE_ENV=production \
        exec setsid node --max-semi-space-size=8 packages/backend \
        --config "$LABSTAGE_ROOT/app-config.yaml" \
        --config "$LABSTAGE_ROOT/app-config.production.yaml" \
        --config "$LABSTAGE_ROOT/scripts/lib/app-config.local-production.yaml"
  ) >"$PLATFORM_LOG" 2>&1 &
  PLATFORM_PID=$!
  trap stop_platform EXIT
  wait_for_url "http://127.0.0.1:7007/.backstage/health/v1/readiness" 300 "built backend"
  wait_for_url "$PRODUCTION_URL" 60 "frontend served by the built backend"
}
