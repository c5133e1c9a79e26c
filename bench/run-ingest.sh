#!/usr/bin/env bash
# Ingest load test against a real, throw-away Fieldsafe server on 127.0.0.1:
#   0. runs the storage baseline (raw JDBC, same durability) on the same machine, in the same run,
#   1. starts ./fieldsafe server with a temporary data directory (and cheaper Argon2 for the many users),
#   2. creates DEVICES enumerators and enrols one device each through the API (admin login, users,
#      enrolment codes, code exchange),
#   3. runs the load generator (one thread per device, 8-16 KB envelopes): WARMUP_SECONDS of uploads reported
#      apart (both JVMs still compiling), then the measured window of at most RUN_SECONDS or UPLOADS; checks
#      every receipt, then compares the rows stored in the server's database with the receipts,
#   4. stops the server it started.
# Settings (environment): DEVICES=200 UPLOADS=20000 RUN_SECONDS=60 WARMUP_SECONDS=30 RATE=0 (uploads a second from all
#   devices together, each device on its own schedule, latency counted from when an upload was due; 0: back to back) PORT=18080 ADMIN_PORT=18081 SITE=KH-SVR
#   BASELINE_ROWS=10000 STUDY=beyond-awareness COUNT_SQL="SELECT COUNT(*) FROM submissions" KEEP_DATA=1 (keep the temp dir)
#   FIELDSAFE_JAVA_OPTS (the server's JVM), BENCH_JAVA_OPTS (the generator's JVM), GENERATOR_NICE=0 (its nice value)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEVICES="${DEVICES:-200}"
UPLOADS="${UPLOADS:-20000}"
RUN_SECONDS="${RUN_SECONDS:-60}"
WARMUP_SECONDS="${WARMUP_SECONDS:-30}"
PORT="${PORT:-18080}"
ADMIN_PORT="${ADMIN_PORT:-18081}"
SITE="${SITE:-KH-SVR}"
STUDY="${STUDY:-beyond-awareness}"
COUNT_SQL="${COUNT_SQL:-SELECT COUNT(*) FROM submissions}"
BENCH_JAR="$ROOT/bench/target/fieldsafe-bench.jar"
SERVER_URL="http://127.0.0.1:$PORT"

if [ ! -f "$BENCH_JAR" ]; then
  (cd "$ROOT" && mvn -B -q -Pbench -pl bench -am package -DskipTests)
fi

DATA="$(mktemp -d "${TMPDIR:-/tmp}/fieldsafe-bench.XXXXXX")"
PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "${KEEP_DATA:-0}" = 1 ]; then
    echo "data kept in $DATA"
  else
    rm -rf "$DATA"
  fi
}
trap cleanup EXIT

# The benchmark creates hundreds of users: hash their one-time passwords with cheaper Argon2 settings.
sed -e 's/memoryKib: 65536/memoryKib: 8192/' -e 's/iterations: 3 /iterations: 1 /' "$ROOT/config.yml" > "$DATA/config.yml"

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
# The baseline of the same run: raw JDBC inserts of rows of the same size into SQLite, same durability.
echo "baseline: raw JDBC into SQLite (WAL, synchronous=FULL), ${BASELINE_ROWS:-10000} rows of 8-16 KB"
java -jar "$BENCH_JAR" baseline --rows "${BASELINE_ROWS:-10000}" --batch 100 --dir "$DATA/baseline"
rm -rf "$DATA/baseline"
echo "starting the server on $SERVER_URL (data in $DATA)"
cd "$ROOT"
FIELDSAFE_DATA_DIR="$DATA" FIELDSAFE_PORT="$PORT" FIELDSAFE_ADMIN_PORT="$ADMIN_PORT" \
  FIELDSAFE_FORMS_DIR="$ROOT/forms" FIELDSAFE_ADMIN_PASSWORD="$PASSWORD" \
  ./fieldsafe server "$DATA/config.yml" > "$DATA/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 180); do
  if curl -sf "http://127.0.0.1:$ADMIN_PORT/healthcheck" > /dev/null 2>&1; then
    break
  fi
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server exited; see its log:" >&2; tail -20 "$DATA/server.log" >&2; exit 1; }
  sleep 1
done
curl -sf "http://127.0.0.1:$ADMIN_PORT/healthcheck" > /dev/null || { echo "the server did not become healthy" >&2; exit 1; }

# Study keys, where this build's admin command line has them (the manifest then carries the keys).
if ./fieldsafe admin --help 2>/dev/null | grep -qE '^ +keys '; then
  FIELDSAFE_SERVER="$SERVER_URL" FIELDSAFE_USER=admin FIELDSAFE_PASSWORD="$PASSWORD" \
    FIELDSAFE_PASSPHRASE_RESEARCH="$PASSWORD-r" FIELDSAFE_PASSPHRASE_SAFEGUARDING="$PASSWORD-s" \
    FIELDSAFE_PASSPHRASE_IDENTITY="$PASSWORD-i" ./fieldsafe admin keys init --study "$STUDY" > /dev/null \
    || echo "note: admin keys init failed; continuing without study keys" >&2
fi

echo "enrolling $DEVICES devices"
java -jar "$BENCH_JAR" setup --server "$SERVER_URL" --admin-password "$PASSWORD" --devices "$DEVICES" \
  --study "$STUDY" --sites "$SITE" --out "$DATA/devices.tsv"

echo "uploading: $DEVICES devices, $WARMUP_SECONDS s warm-up, then at most $UPLOADS uploads or $RUN_SECONDS s"
status=0
nice -n "${GENERATOR_NICE:-0}" java ${BENCH_JAVA_OPTS:-} -jar "$BENCH_JAR" load --server "$SERVER_URL" --devices-file "$DATA/devices.tsv" \
  --uploads "$UPLOADS" --seconds "$RUN_SECONDS" --warmup-seconds "$WARMUP_SECONDS" --rate "${RATE:-0}" --study "$STUDY" --db "$DATA/fieldsafe.db" --count-sql "$COUNT_SQL" || status=$?
# The database file and its write-ahead log after the run (the log is bounded by the checkpointer's restarts).
for f in "$DATA/fieldsafe.db" "$DATA/fieldsafe.db-wal"; do
  [ -f "$f" ] && echo "$(basename "$f"): $(( $(stat -c %s "$f") / 1048576 )) MiB"
done
exit $status
