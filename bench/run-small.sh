#!/usr/bin/env bash
# Small requests under load (issue 19, point 4), run on purpose only: a real, throw-away server on 127.0.0.1 (the
# repository's config.yml, so logins hash with its Argon2 settings), DEVICES devices enrolled through the API, then
# THREADS threads back to back, each on its own kept-alive connection, for WARMUP_SECONDS (reported apart) and
# RUN_SECONDS: first the manifest answered 304 (GET /api/v1/sync/manifest with the ETag the device holds), then the
# login (POST /api/v1/auth/login as the admin). Prints requests/s, p50/p99/max and the load average.
# Settings (environment): THREADS=64 LOGIN_THREADS=8 DEVICES=4 WARMUP_SECONDS=10 RUN_SECONDS=20 PORT=18480
#   ADMIN_PORT=18481 PATHS="manifest login" FIELDSAFE_JAVA_OPTS (the server's JVM, e.g. a JFR recording)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PORT:-18480}"
ADMIN_PORT="${ADMIN_PORT:-18481}"
BENCH_JAR="$ROOT/bench/target/fieldsafe-bench.jar"
SERVER_URL="http://127.0.0.1:$PORT"
if [ ! -f "$BENCH_JAR" ]; then
  (cd "$ROOT" && mvn -B -q -Pbench -pl bench -am package -DskipTests)
fi
DATA="$(mktemp -d "${TMPDIR:-/tmp}/fieldsafe-small.XXXXXX")"
PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
source "$ROOT/bench/throwaway-server.sh"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
cd "$ROOT"
start_server
java -jar "$BENCH_JAR" setup --server "$SERVER_URL" --admin-password "$PASSWORD" --devices "${DEVICES:-4}" \
  --out "$DATA/devices.tsv"
status=0
for path in ${PATHS:-manifest login}; do
  threads="${THREADS:-64}"
  [ "$path" = login ] && threads="${LOGIN_THREADS:-8}"
  echo "$path: $threads threads, load average before $(cut -d' ' -f1 /proc/loadavg)"
  java -jar "$BENCH_JAR" small --server "$SERVER_URL" --path "$path" --devices-file "$DATA/devices.tsv" \
    --admin-password "$PASSWORD" --threads "$threads" --warmup-seconds "${WARMUP_SECONDS:-10}" \
    --seconds "${RUN_SECONDS:-20}" || status=$?
done
exit $status
