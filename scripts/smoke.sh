#!/usr/bin/env bash
# Smoke test of the README's first command on this checkout: `./fieldsafe server` on the embedded
# default (SQLite, forms from ./forms) reaches a healthy server, an admin logs in, enrols an
# enumerator's laptop, and `./fieldsafe client enrol` + `client forms pull` + `forms list` work.
# Then no password, enrolment code or device token may appear in the server's logs or data files.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d /tmp/fieldsafe-smoke.XXXXXX)
port=$(( 20000 + RANDOM % 10000 ))
admin_port=$(( port + 1 ))
export FIELDSAFE_DATA_DIR="$work/data"
export FIELDSAFE_PORT=$port FIELDSAFE_ADMIN_PORT=$admin_port
export FIELDSAFE_ADMIN_HOME="$work/admin"
export FIELDSAFE_ADMIN_PASSWORD="smoke-Admin-$RANDOM-$RANDOM"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "smoke: FAILED: $*" >&2; echo "--- server output ---" >&2; tail -n 60 "$work/server.out" >&2 || true; exit 1; }
step() { echo "smoke: $*"; }

step "starting ./fieldsafe server on port $port"
./fieldsafe server >"$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$admin_port/healthcheck" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || fail "server exited"
  sleep 1
done
curl -fsS "http://127.0.0.1:$admin_port/healthcheck" >"$work/health.json" || fail "server never became healthy"
step "healthy: $(cat "$work/health.json")"
grep -q "127.0.0.1:$port" "$work/server.out" || fail "server did not print where it listens"

url="http://127.0.0.1:$port"
FIELDSAFE_PASSWORD="$FIELDSAFE_ADMIN_PASSWORD" ./fieldsafe admin login --server "$url" --user admin || fail "admin login"
./fieldsafe admin users add --username enum-kh1 --role enumerator --site KH-SVR >"$work/user.out" || fail "users add"
./fieldsafe admin enrol --study beyond-awareness --site KH-SVR --enumerator enum-kh1 >"$work/enrol.out" || fail "admin enrol"
code=$(grep -oE '[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}' "$work/enrol.out" | head -n 1)
[ -n "$code" ] || fail "no enrolment code printed"
step "enrolment code issued"

home="$work/laptop"
./fieldsafe client enrol --server "$url" --code "$code" --home "$home" || fail "client enrol"
./fieldsafe client forms pull --home "$home" || fail "client forms pull"
./fieldsafe client forms list --home "$home" | tee "$work/list.out"
grep -q "interview" "$work/list.out" || fail "interview form not listed"
grep -q "consent" "$work/list.out" || fail "consent form not listed"
grep -q "km" "$work/list.out" || fail "languages not listed"
./fieldsafe client enrol --server "$url" --code "$code" --home "$work/laptop2" 2>"$work/reuse.err" \
  && fail "an enrolment code worked twice"
step "a used code is refused: $(cat "$work/reuse.err")"

token=$(grep -o '"token" *: *"[^"]*"' "$FIELDSAFE_ADMIN_HOME/session.json" | sed 's/.*"\([^"]*\)"$/\1/' || true)
for secret in "$FIELDSAFE_ADMIN_PASSWORD" "$code" ${token:+"$token"}; do
  if grep -rqF -- "$secret" "$FIELDSAFE_DATA_DIR"; then fail "a secret was found in the server's data directory or logs"; fi
done
step "no password, code or token in the server's data directory or logs"
echo "smoke: 1 passed, 0 failed"
