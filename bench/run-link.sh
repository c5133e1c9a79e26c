#!/usr/bin/env bash
# Poor-link sync benchmark (issue 19, point 1), run on purpose only: a real, throw-away server on 127.0.0.1, the
# bench jar's shaping proxy (ShapingProxy: token-bucket line rate each way, half the round trip added each way, every
# open connection reset every DROP_S seconds, drawn with SEED) in front of it, and the real client CLI behind it:
#   1. starts ./fieldsafe server on a temp data dir,
#   2. at full speed through the proxy (bench/link-setup.sh): creates an enumerator, the key holders, the study keys
#      (admin keys init) and an enrolment code, enrols a
#      device home with the proxy's address, pulls the study, seals INTERVIEWS interviews with `client interview
#      --answers`, the first RECORDINGS with a recording of RECORDING_SECONDS at RECORDING_KBIT (the field app's
#      recorder: Opus in WebM at 24 kbit/s, so 30 minutes is 5,400,000 bytes),
#   3. shapes the link and times `client sync` to its exit 0 (every interview and recording receipted), then prints
#      goodput against the line rate, bytes re-sent after drops, bytes sent again below an acknowledged offset (must
#      be 0, else the run fails) and the server's stored chunk offsets.
# Settings (environment): KBIT=100 RTT_MS=300-600 DROP_S=30-120 (or none) OUTAGE_MS=3000 SEED=1 INTERVIEWS=50
#   RECORDINGS=5 RECORDING_SECONDS=1800 RECORDING_KBIT=24 PORT=18280 ADMIN_PORT=18281 PROXY_PORT=18290 KEEP_DATA=0
#   SYNC_ARGS="--max-time 86400 --attempts 20"
#   SNAPSHOT=DIR: keep the server and the sealed outbox after the setup in DIR, or start from DIR when it holds one
#   (setting up 50 interviews takes minutes; the same outbox then goes through each profile and each change)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PORT:-18280}"
ADMIN_PORT="${ADMIN_PORT:-18281}"
PROXY_PORT="${PROXY_PORT:-18290}"
BENCH_JAR="$ROOT/bench/target/fieldsafe-bench.jar"
export BENCH_JAR
export INTERVIEWS="${INTERVIEWS:-50}" RECORDINGS="${RECORDINGS:-5}"
export RECORDING_BYTES=$(( ${RECORDING_SECONDS:-1800} * ${RECORDING_KBIT:-24} * 1000 / 8 ))
export SERVER_URL="http://127.0.0.1:$PORT" PROXY_URL="http://127.0.0.1:$PROXY_PORT"

if [ ! -f "$BENCH_JAR" ]; then
  (cd "$ROOT" && mvn -B -q -Pbench -pl bench -am package -DskipTests)
fi

DATA="$(mktemp -d "${TMPDIR:-/tmp}/fieldsafe-link.XXXXXX")"
export WORK="$DATA/device-work" HOME_DIR="$DATA/device"
mkdir -p "$WORK"
export PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
source "$ROOT/bench/throwaway-server.sh"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
cd "$ROOT"
LINK=(java -jar "$BENCH_JAR" link --backend-port "$PORT" --port "$PROXY_PORT")

if [ -n "${SNAPSHOT:-}" ] && [ -f "$SNAPSHOT/server/fieldsafe.db" ]; then
  # the same sealed outbox and server state as an earlier run (the device is moved to this run's proxy port)
  cp -r "$SNAPSHOT/server" "$DATA/server"
  cp -r "$SNAPSHOT/device" "$HOME_DIR"
  sqlite3 "$HOME_DIR/device.db" "UPDATE device SET server_url = '$PROXY_URL'"
  echo "workload: the outbox of $SNAPSHOT ($(cat "$SNAPSHOT/workload"))"
else
  echo "workload: $INTERVIEWS interviews, $RECORDINGS recordings of $RECORDING_BYTES bytes" \
    "(${RECORDING_SECONDS:-1800} s at ${RECORDING_KBIT:-24} kbit/s)"
  start_server
  "${LINK[@]}" --setup "bash '$ROOT/bench/link-setup.sh'"
  stop_server
  if [ -n "${SNAPSHOT:-}" ]; then
    mkdir -p "$SNAPSHOT"
    cp -r "$DATA/server" "$SNAPSHOT/server"
    cp -r "$HOME_DIR" "$SNAPSHOT/device"
    echo "$INTERVIEWS interviews, $RECORDINGS recordings of $RECORDING_BYTES bytes" > "$SNAPSHOT/workload"
    echo "snapshot of the sealed outbox and the server kept in $SNAPSHOT"
  fi
fi
start_server
"${LINK[@]}" --kbit "${KBIT:-100}" --rtt-ms "${RTT_MS:-300-600}" --drop-s "${DROP_S:-30-120}" \
  --outage-ms "${OUTAGE_MS:-3000}" --seed "${SEED:-1}" --db "$DATA/server/fieldsafe.db" \
  --sync "'$ROOT/fieldsafe' client sync --home '$HOME_DIR' ${SYNC_ARGS:---max-time 86400 --attempts 20} > '$DATA/sync.out' 2>&1; s=\$?; tail -3 '$DATA/sync.out'; exit \$s"
