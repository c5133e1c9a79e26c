#!/usr/bin/env bash
# Runs the README's tour from top to bottom on a fresh clone of this checkout's HEAD, so that the README
# cannot drift from the product: every command line in the code blocks of the section "## A tour" is
# executed in order, in one shell (so TOKEN=... carries on), and must exit 0. The runner plays the person
# at the keyboard: it answers prompts through the documented environment variables, fills placeholders
# (XXXX-XXXX-XXXX, SUBMISSION_ID, CASE_ID, SERVICE_ID, GRANT_ID, one-time passwords) from what earlier
# commands printed, fills the answers file from scripts/tour/, and moves ports and /tmp paths into a
# scratch folder. At the end it checks that it ran as many commands as the README holds.
#   scripts/readme-tour.sh            # uses the jars already built in this checkout when they are there
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tour_files="$root/scripts/tour"

work=$(mktemp -d /tmp/fieldsafe-tour.XXXXXX)
clone="$work/clone"
port=$(( 21000 + RANDOM % 9000 ))
admin_port=$(( port + 1 ))
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
say() { echo "tour: $*"; }
fail() {
  echo "tour: FAILED: $*" >&2
  if [ -f "$work/server.out" ]; then echo "--- server output (last lines) ---" >&2; tail -n 40 "$work/server.out" >&2; fi
  echo "tour: 0 passed, 1 failed" >&2
  exit 1
}

git clone -q "$root" "$clone"
# The launcher rebuilds when a source is newer than its jar; jars copied after the clone are newer.
for jar in server/target/fieldsafe-server-all.jar client-lib/target/fieldsafe-client-all.jar; do
  if [ -f "$root/$jar" ]; then mkdir -p "$clone/$(dirname "$jar")"; cp "$root/$jar" "$clone/$jar"; fi
done

# The tour's commands, continuation lines joined, comments and blank lines left out.
commands="$work/commands.txt"
awk '
  /^## A tour/ { in_tour = 1; next }
  in_tour && /^## / { in_tour = 0 }
  !in_tour { next }
  /^```/ { in_block = !in_block; next }
  !in_block { next }
  {
    line = $0
    if (pending != "") { sub(/^[ \t]+/, "", line); line = pending " " line; pending = "" }
    if (line ~ /\\[ \t]*$/) { sub(/\\[ \t]*$/, "", line); pending = line; next }
    if (line ~ /^[ \t]*(#|$)/) next
    print line
  }' "$root/README.md" >"$commands"
total=$(wc -l <"$commands")
[ "$total" -gt 0 ] || fail "no commands found under '## A tour' in README.md"
say "$total commands in the README's tour"

# What the person knows: passwords they chose or were given, in the scratch folder only.
export HOME="$work/home"
# Java takes user.home from the password database, not $HOME: name the admin home the README's ~ means
export FIELDSAFE_ADMIN_HOME="$HOME/.fieldsafe-admin"
mkdir -p "$HOME" "$work/out"
export FIELDSAFE_DATA_DIR="$work/data" FIELDSAFE_PORT=$port FIELDSAFE_ADMIN_PORT=$admin_port
unset FIELDSAFE_SERVER FIELDSAFE_USER FIELDSAFE_PASSWORD FIELDSAFE_PASSPHRASE FIELDSAFE_NEW_PASSPHRASE || true
declare -A password=()
source "$tour_files/person.sh"

last_output() { # the output file of the newest command whose line matches $1
  local pattern="$1" i
  for (( i = n; i >= 1; i-- )); do
    [ -f "$work/out/$i.out" ] || continue
    if grep -qE -- "$pattern" "$work/out/$i.cmd"; then echo "$work/out/$i.out"; return 0; fi
  done
  fail "no earlier command matches '$pattern' (needed for a placeholder in command $n)"
}
first_match() { # first match of regex $2 in the output of the newest command matching $1
  local file value
  file=$(last_output "$1")
  value=$(grep -oE -- "$2" "$file" | head -n 1 || true)
  [ -n "$value" ] || fail "command $n needs a value that '$1' should have printed (pattern $2)"
  echo "$value"
}

substitute() {
  local c="$1"
  c="${c//127.0.0.1:8080/127.0.0.1:$port}"
  c="${c//127.0.0.1:8081/127.0.0.1:$admin_port}"
  c="${c//\/tmp\//$work/}"
  if [[ "$c" == *XXXX-XXXX-XXXX* ]]; then
    c="${c//XXXX-XXXX-XXXX/$(first_match 'admin enrol' '[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}')}"
  fi
  c=$(fill_placeholders "$c")
  printf '%s' "$c"
}

n=0
while IFS= read -r line <&3; do
  n=$((n + 1))
  printf '%s\n' "$line" >"$work/out/$n.cmd"
  cmd=$(substitute "$line") || fail "command $n: a placeholder could not be filled: $line"
  say "[$n/$total] $line"
  before_command "$line"
  if [[ "$cmd" =~ (^|[[:space:]])\./fieldsafe\ server([[:space:]]|$) ]]; then
    (cd "$clone" && eval "$cmd") >"$work/server.out" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 180); do
      curl -fsS "http://127.0.0.1:$admin_port/healthcheck" >/dev/null 2>&1 && break
      kill -0 "$server_pid" 2>/dev/null || fail "the server exited"
      sleep 1
    done
    curl -fsS "http://127.0.0.1:$admin_port/healthcheck" >/dev/null 2>&1 || fail "the server never became healthy"
    cp "$work/server.out" "$work/out/$n.out"
    continue
  fi
  stdin=$(stdin_for "$line")
  cd "$clone"
  set +e
  if [[ "$cmd" =~ ^[A-Za-z_][A-Za-z0-9_]*=\$\( ]]; then
    eval "$cmd" <"$stdin" >"$work/out/$n.out" 2>&1   # an assignment the next commands use
  else
    ( command_env "$line"; eval "$cmd" ) <"$stdin" >"$work/out/$n.out" 2>&1
  fi
  rc=$?
  set -e
  cd "$root"
  sed 's/^/    /' "$work/out/$n.out" | head -n 40
  [ -s "$work/out/$n.out" ] && [ -n "$(tail -c 1 "$work/out/$n.out")" ] && echo
  [ "$rc" -eq 0 ] || fail "command $n exited $rc: $line"
  after_command "$line"
done 3<"$commands"

[ "$n" -eq "$total" ] || fail "ran $n of $total commands"
kill -0 "$server_pid" 2>/dev/null || fail "the server died during the tour"
say "every one of the $total commands of the README's tour exited 0"
echo "tour: 1 passed, 0 failed"
