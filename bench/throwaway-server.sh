# Sourced by bench/run-link.sh and bench/run-small.sh: a throw-away ./fieldsafe server on 127.0.0.1. Expects ROOT,
# PORT, ADMIN_PORT, DATA (its data in $DATA/server, its log in $DATA/server.log) and PASSWORD (the admin's); CONFIG
# names the server's config file (default: the repository's config.yml); stops
# the server and removes DATA (unless KEEP_DATA=1) on exit.
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "${KEEP_DATA:-0}" = 1 ]; then echo "data kept in $DATA"; else rm -rf "$DATA"; fi
}
trap cleanup EXIT

start_server() {
  (cd "$ROOT" && FIELDSAFE_DATA_DIR="$DATA/server" FIELDSAFE_PORT="$PORT" FIELDSAFE_ADMIN_PORT="$ADMIN_PORT" \
    FIELDSAFE_FORMS_DIR="$ROOT/forms" FIELDSAFE_ADMIN_PASSWORD="$PASSWORD" \
    exec ./fieldsafe server "${CONFIG:-$ROOT/config.yml}") >> "$DATA/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$ADMIN_PORT/healthcheck" > /dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server exited; see its log:" >&2; tail -20 "$DATA/server.log" >&2; exit 1; }
    sleep 1
  done
  echo "the server did not become healthy" >&2
  exit 1
}

stop_server() {
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
