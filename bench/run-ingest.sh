#!/usr/bin/env bash
# Ingest load test against a real, throw-away Fieldsafe server on 127.0.0.1, RUNS times back to back. Each run:
#   0. prints the machine's load (/proc/loadavg) and runs the storage baseline (raw JDBC, same durability, same rows)
#      on the same machine, in the same run: SQLite (WAL, synchronous=FULL) or, with DB=postgres, the throw-away
#      PostgreSQL 15 below,
#   1. starts ./fieldsafe server with a temporary data directory (and cheaper Argon2 for the many users), its heap
#      capped at HEAP,
#   2. creates DEVICES enumerators and enrols one device each through the API (admin login, users,
#      enrolment codes, code exchange),
#   3. runs the load generator (one thread per device, 8-16 KB envelopes): WARMUP_SECONDS of uploads reported
#      apart (both JVMs still compiling), then the measured window of at most RUN_SECONDS or UPLOADS; checks
#      every receipt, then compares the rows stored in the server's database with the receipts,
#   4. stops the server it started and prints the load again.
# DB=postgres: a throw-away PostgreSQL 15 (from $PGBIN, as .ci/run starts it with scripts/postgres-test-server.sh) on
#   loopback, durable like SQLite here (fsync=on, synchronous_commit=on), started once for all runs; each run gets
#   fresh databases for the server and the baseline; stopped and deleted at the end.
# Settings (environment): RUNS=3 DEVICES=200 UPLOADS=1000000 RUN_SECONDS=30 WARMUP_SECONDS=60 HEAP=256m DB=sqlite
#   ID_DAYS=0 (>0: submission ids minted over that many past days - devices syncing after days offline - instead
#   of now) RATE=0 (uploads a second from all devices together, each device on its own schedule, latency counted
#   from when an upload was due; 0: back to back) PORT=18080 ADMIN_PORT=18081 SITE=KH-SVR BASELINE_ROWS=10000
#   STUDY=beyond-awareness COUNT_SQL="SELECT COUNT(*) FROM submissions" KEEP_DATA=1 (keep the temp dirs)
#   JFR_DIR (a flight recording of the server per run, settings=profile, into that directory)
#   FIELDSAFE_JAVA_OPTS (the server's JVM, after -Xmx$HEAP), BENCH_JAVA_OPTS (the generator's JVM),
#   GENERATOR_NICE=0 (its nice value) PGBIN=/usr/lib/postgresql/15/bin
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${RUNS:-3}"
DEVICES="${DEVICES:-200}"
UPLOADS="${UPLOADS:-1000000}"
RUN_SECONDS="${RUN_SECONDS:-30}"
WARMUP_SECONDS="${WARMUP_SECONDS:-60}"
HEAP="${HEAP:-256m}"
DB="${DB:-sqlite}"
ID_DAYS="${ID_DAYS:-0}"
PORT="${PORT:-18080}"
ADMIN_PORT="${ADMIN_PORT:-18081}"
SITE="${SITE:-KH-SVR}"
STUDY="${STUDY:-beyond-awareness}"
COUNT_SQL="${COUNT_SQL:-SELECT COUNT(*) FROM submissions}"
BENCH_JAR="$ROOT/bench/target/fieldsafe-bench.jar"
SERVER_URL="http://127.0.0.1:$PORT"
case "$DB" in sqlite | postgres) ;; *) echo "DB must be sqlite or postgres, not '$DB'" >&2; exit 2 ;; esac

if [ ! -f "$BENCH_JAR" ]; then
  (cd "$ROOT" && mvn -B -q -Pbench -pl bench -am package -DskipTests)
fi

DATA=""
SERVER_PID=""
PG_DIR=""
PG_PORT=""

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

remove_data() {
  if [ -n "$DATA" ]; then
    if [ "${KEEP_DATA:-0}" = 1 ]; then echo "data kept in $DATA"; else rm -rf "$DATA"; fi
  fi
  DATA=""
}

cleanup() {
  stop_server
  remove_data
  if [ -n "$PG_DIR" ]; then
    "$ROOT/scripts/postgres-test-server.sh" stop "$PG_DIR"
  fi
}
trap cleanup EXIT

pg_url() {
  echo "jdbc:postgresql://127.0.0.1:$PG_PORT/$1?user=fieldsafe"
}

pg_fresh_database() {
  psql -q -h 127.0.0.1 -p "$PG_PORT" -U fieldsafe -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); server heap -Xmx$HEAP; database $DB"
if [ "$DB" = postgres ]; then
  # Durable as the server's SQLite (synchronous=FULL): every commit flushed to disk before it returns. The WAL may
  # grow to 2 GB between checkpoints (the default 1 GB would force one every ~20 s at this write rate).
  pg_env="$(PG_SETTINGS="-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_wal_size=2GB -c shared_buffers=128MB" \
    "$ROOT/scripts/postgres-test-server.sh" start)"
  eval "$pg_env"
  PG_DIR="$PG_TEST_DIR"
  PG_PORT="$(echo "$FIELDSAFE_TEST_POSTGRES_URL" | sed -E 's#.*127\.0\.0\.1:([0-9]+)/.*#\1#')"
  echo "PostgreSQL: $("${PGBIN:-/usr/lib/postgresql/15/bin}/postgres" --version) on port $PG_PORT;" \
    "$(psql -At -h 127.0.0.1 -p "$PG_PORT" -U fieldsafe -d postgres -c "SELECT string_agg(name || '=' || setting, ' ') FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes','wal_sync_method','max_wal_size','shared_buffers')")"
fi

one_run() {
  local run="$1" status=0 password count_args
  echo
  echo "=== run $run of $RUNS: $DEVICES devices, $WARMUP_SECONDS s warm-up, $RUN_SECONDS s measured, ids minted" \
    "$([ "$ID_DAYS" -gt 0 ] && echo "over the past $ID_DAYS days" || echo now), $DB; load before: $(cat /proc/loadavg)"
  DATA="$(mktemp -d "${TMPDIR:-/tmp}/fieldsafe-bench.XXXXXX")"
  password="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

  # The benchmark creates hundreds of users: hash their one-time passwords with cheaper Argon2 settings.
  sed -e 's/memoryKib: 65536/memoryKib: 8192/' -e 's/iterations: 3 /iterations: 1 /' "$ROOT/config.yml" > "$DATA/config.yml"

  # The baseline of the same run: raw JDBC inserts of rows of the same size, same durability.
  if [ "$DB" = postgres ]; then
    pg_fresh_database bench_baseline
    pg_fresh_database bench_server
    echo "baseline: raw JDBC into PostgreSQL (fsync=on, synchronous_commit=on), ${BASELINE_ROWS:-10000} rows of 8-16 KB"
    java -jar "$BENCH_JAR" baseline --rows "${BASELINE_ROWS:-10000}" --batch 100 --postgres-url "$(pg_url bench_baseline)"
    sed -i -e "s#driverClass: org.sqlite.JDBC#driverClass: org.postgresql.Driver#" \
      -e "s#url: jdbc:sqlite:.*#url: \"$(pg_url bench_server)\"#" "$DATA/config.yml"
    count_args=(--db-url "$(pg_url bench_server)")
  else
    echo "baseline: raw JDBC into SQLite (WAL, synchronous=FULL), ${BASELINE_ROWS:-10000} rows of 8-16 KB"
    java -jar "$BENCH_JAR" baseline --rows "${BASELINE_ROWS:-10000}" --batch 100 --dir "$DATA/baseline"
    rm -rf "$DATA/baseline"
    count_args=(--db "$DATA/fieldsafe.db")
  fi

  local jfr=""
  if [ -n "${JFR_DIR:-}" ]; then
    mkdir -p "$JFR_DIR"
    jfr="-XX:StartFlightRecording=filename=$JFR_DIR/server-run$run.jfr,settings=profile,dumponexit=true"
  fi
  echo "starting the server on $SERVER_URL (data in $DATA)"
  (cd "$ROOT" && FIELDSAFE_DATA_DIR="$DATA" FIELDSAFE_PORT="$PORT" FIELDSAFE_ADMIN_PORT="$ADMIN_PORT" \
    FIELDSAFE_FORMS_DIR="$ROOT/forms" FIELDSAFE_ADMIN_PASSWORD="$password" \
    FIELDSAFE_CODE_KEY_FILE="$DATA/code-key.key" FIELDSAFE_AUDIT_KEY_FILE="$DATA/audit.key" \
    FIELDSAFE_JAVA_OPTS="-Xmx$HEAP $jfr -Xlog:gc:file=$DATA/gc.log:timemillis -Xlog:jit+compilation=debug:file=$DATA/jit.log:timemillis -Xlog:class+load=info:file=$DATA/classload.log:timemillis ${FIELDSAFE_JAVA_OPTS:-}" \
    exec ./fieldsafe server "$DATA/config.yml") > "$DATA/server.log" 2>&1 &
  SERVER_PID=$!

  for _ in $(seq 1 180); do
    if curl -sf "http://127.0.0.1:$ADMIN_PORT/healthcheck" > /dev/null 2>&1; then
      break
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server exited; see its log:" >&2; tail -20 "$DATA/server.log" >&2; return 1; }
    sleep 1
  done
  curl -sf "http://127.0.0.1:$ADMIN_PORT/healthcheck" > /dev/null || { echo "the server did not become healthy" >&2; return 1; }

  echo "enrolling $DEVICES devices"
  java -jar "$BENCH_JAR" setup --server "$SERVER_URL" --admin-password "$password" --devices "$DEVICES" \
    --study "$STUDY" --sites "$SITE" --out "$DATA/devices.tsv"

  # Study keys (the manifest then carries them, and the generator addresses its sealed parts to them), their first
  # holders the users setup made (DeviceSetup).
  (cd "$ROOT" && FIELDSAFE_SERVER="$SERVER_URL" FIELDSAFE_USER=admin FIELDSAFE_PASSWORD="$password" \
    FIELDSAFE_ADMIN_HOME="$DATA/admin-home" ./fieldsafe admin keys init --study "$STUDY" \
    --holder research=bench-dm --holder safeguarding=bench-so --holder identity=bench-pi > /dev/null) \
    || { echo "admin keys init failed" >&2; return 1; }

  # Once a second until the server stops: epoch ms, the server's CPU ticks, the write-ahead log's size, /metrics
  # (read by server-timeline.py: commits, checkpoints through warm-up and window).
  (while kill -0 "$SERVER_PID" 2>/dev/null; do
    metrics="$(curl -sf "http://127.0.0.1:$ADMIN_PORT/metrics" | tr -d '\n')" || break
    echo "$(date +%s%3N) $(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat" 2>/dev/null || echo 0)" \
      "$(stat -c %s "$DATA/fieldsafe.db-wal" 2>/dev/null || echo 0) $metrics"
    sleep 1
  done) > "$DATA/samples.txt" 2>/dev/null &
  local sampler=$!

  echo "uploading: $DEVICES devices, $WARMUP_SECONDS s warm-up, then at most $UPLOADS uploads or $RUN_SECONDS s"
  nice -n "${GENERATOR_NICE:-0}" java ${BENCH_JAVA_OPTS:-} -jar "$BENCH_JAR" load --server "$SERVER_URL" \
    --devices-file "$DATA/devices.tsv" --uploads "$UPLOADS" --seconds "$RUN_SECONDS" --warmup-seconds "$WARMUP_SECONDS" \
    --rate "${RATE:-0}" --id-days "$ID_DAYS" --study "$STUDY" "${count_args[@]}" --count-sql "$COUNT_SQL" \
    > "$DATA/load.txt" || status=$?
  cat "$DATA/load.txt"
  # The server's own view: commit times and batch sizes (group commit), GC.
  curl -sf "http://127.0.0.1:$ADMIN_PORT/metrics" | python3 -c '
import json, sys
m = json.load(sys.stdin)
t = m["timers"].get("org.fieldsafe.server.submissions.SubmissionWriter.commits", {})
h = m["histograms"].get("org.fieldsafe.server.submissions.SubmissionWriter.batch-size", {})
g = m["gauges"]
print("server: %d commits, commit time (%s) p50 %.3f p99 %.3f max %.3f; batch size p50 %.0f p99 %.0f; GC young %s in %s ms, old %s"
      % (t.get("count", 0), t.get("duration_units", "?"), t.get("p50", 0), t.get("p99", 0), t.get("max", 0), h.get("p50", 0), h.get("p99", 0),
         g.get("jvm.gc.G1-Young-Generation.count", {}).get("value"), g.get("jvm.gc.G1-Young-Generation.time", {}).get("value"),
         g.get("jvm.gc.G1-Old-Generation.count", {}).get("value")))' 2>/dev/null || true
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  python3 "$ROOT/bench/server-timeline.py" "$DATA/gc.log" "$DATA/jit.log" "$DATA/samples.txt" "$DATA/load.txt" \
    "$DATA/classload.log" || true
  stop_server
  if [ "$DB" = sqlite ]; then
    # The database file and its write-ahead log after the run (the log is bounded by the checkpointer's restarts).
    for f in "$DATA/fieldsafe.db" "$DATA/fieldsafe.db-wal"; do
      [ -f "$f" ] && echo "$(basename "$f"): $(( $(stat -c %s "$f") / 1048576 )) MiB"
    done
  fi
  remove_data
  echo "=== run $run done (exit $status); load after: $(cat /proc/loadavg)"
  return $status
}

overall=0
for run in $(seq 1 "$RUNS"); do
  one_run "$run" || overall=1
done
exit $overall
