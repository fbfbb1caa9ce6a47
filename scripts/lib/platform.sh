# shellcheck shell=bash
# Runs the whole platform (backend + frontend dev servers) against a data folder.
BACKEND_URL="http://127.0.0.1:7007"
# What the browser uses (backend.baseUrl); session cookies are scoped to it.
BACKEND_BASE_URL="http://localhost:7007"
FRONTEND_URL="http://localhost:3000"

wait_for_url() { # url seconds what
  local url="$1" seconds="$2" what="$3"
  for _ in $(seq 1 "$seconds"); do
    if curl -sf -o /dev/null "$url"; then return 0; fi
    if [ -n "${PLATFORM_PID:-}" ] && ! kill -0 "$PLATFORM_PID" 2>/dev/null; then
      die "the platform exited while waiting for the $what (log: $PLATFORM_LOG)"
    fi
    sleep 1
  done
  tail -40 "$PLATFORM_LOG" >&2
  die "the $what did not come up within ${seconds}s (log: $PLATFORM_LOG)"
}

stop_platform() {
  if [ -n "${PLATFORM_PID:-}" ] && kill -0 "$PLATFORM_PID" 2>/dev/null; then
    kill -TERM -- "-$PLATFORM_PID" 2>/dev/null || kill -TERM "$PLATFORM_PID" 2>/dev/null || true
    wait "$PLATFORM_PID" 2>/dev/null || true
  fi
}

start_platform() { # data-dir log-file
  export LABSTAGE_DATA_DIR="$1"
  PLATFORM_LOG="$2"
  mkdir -p "$LABSTAGE_DATA_DIR"
  for port in 7007 3000; do
    if curl -s -o /dev/null "http://127.0.0.1:$port"; then
      die "port $port is already in use; stop the other Labstage (or whatever listens there) first"
    fi
  done
  # Own process group, so stopping it also stops the dev servers it forks.
  setsid bash -c 'exec node "$0"/.yarn/releases/yarn-*.cjs start' "$LABSTAGE_ROOT" >"$PLATFORM_LOG" 2>&1 &
  PLATFORM_PID=$!
  trap stop_platform EXIT
  wait_for_url "$BACKEND_URL/.backstage/health/v1/readiness" 300 backend
  wait_for_url "$FRONTEND_URL" 300 frontend
}

publish_demo_environment() { # backend-url
  # CS101's environment, built offline from the desktop image plus a few
  # course files and published as the demo instructor through the API; a
  # no-op once CS101 has one.
  log "publishing CS101's demo environment (first start only: builds and pushes one image layer)"
  node "$LABSTAGE_ROOT/scripts/lib/demo/cs101-environment.mjs" "$1" ||
    die "publishing the demo environment failed (log: $PLATFORM_LOG)"
}

seed_demo_collaboration() { # backend-url
  # alice's CS101 desktop shared with bob, both desktops running and bob's
  # hand raised, for the teacher's Classroom tab; first start only.
  node "$LABSTAGE_ROOT/scripts/lib/demo/collaboration.mjs" "$1" ||
    die "setting up the demo's shared desktops failed (log: $PLATFORM_LOG)"
}

seed_demo_sessions() { # backend-url
  # CS101's schedule: a weekly lab, and a meeting today whose warm-up
  # starts the students' desktops shortly after the start command.
  node "$LABSTAGE_ROOT/scripts/lib/demo/sessions.mjs" "$1" ||
    die "scheduling the demo's class sessions failed (log: $PLATFORM_LOG)"
}
