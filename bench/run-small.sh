#!/usr/bin/env bash
# Small requests under load (issue 19, point 4), run on purpose only: a real, throw-away server on 127.0.0.1 (the
# repository's config.yml, so logins hash with its Argon2 settings), DEVICES devices enrolled through the API, then
# THREADS threads back to back, each on its own kept-alive connection, for WARMUP_SECONDS (reported apart) and
# RUN_SECONDS: first the manifest answered 304 (GET /api/v1/sync/manifest with the ETag the device holds), then the
# login (POST /api/v1/auth/login as the admin). Prints requests/s, p50/p99/max, the load average, and the CPU seconds
# (user + system, /proc/<pid>/stat) the server and the generator each spent per 1,000 requests in the measured window
# (nearly independent of other load on the machine, unlike the rate).
# Two generators, one after the other on the same server (GENERATORS): "java" (the bench jar's `small`, one
# HttpURLConnection per thread) and "wrk" (a C HTTP load tool: THREADS connections on WRK_THREADS threads, each
# manifest request as the first device; installed with apt-get when missing and possible, else skipped).
# Settings (environment): THREADS=64 LOGIN_THREADS=8 DEVICES=4 WARMUP_SECONDS=10 RUN_SECONDS=20 PORT=18480
#   ADMIN_PORT=18481 PATHS="manifest login" GENERATORS="wrk java" WRK_THREADS=2
#   FIELDSAFE_JAVA_OPTS (the server's JVM, e.g. a JFR recording)
#   JFR_DIR: a flight recording of the server (settings=profile, allocation per thread every second) over each wrk
#   measured window, into that directory, read by bench/small-profile.py (KiB allocated per request, CPU samples and
#   allocations by layer; BENCHMARKS.md (u))
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

# CPU seconds (user + system) a process has used: fields 14 and 15 of /proc/<pid>/stat, in 1/100 s.
cpu_seconds() {
  sed 's/.*) //' "/proc/$1/stat" | awk '{ printf "%.2f", ($12 + $13) / 100 }'
}

wrk_ready() {
  command -v wrk > /dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null 2>&1; then
    echo "installing wrk (apt-get install -y wrk)..."
    apt-get install -y wrk > "$DATA/wrk-install.log" 2>&1 || true
  fi
  command -v wrk > /dev/null 2>&1
}

# One wrk window: $1 label, $2 seconds, then wrk's options. Prints wrk's figures and the CPU per 1,000 requests.
wrk_window() {
  local label="$1" seconds="$2" s0 s1 n rate p99 non3xx times from to
  shift 2
  from="$(date -u +%T)"
  s0="$(cpu_seconds "$SERVER_PID")"
  times="$( { TIMEFORMAT='%U %S'; time wrk -t"${WRK_THREADS:-2}" -d"${seconds}s" --latency --timeout 30s "$@" \
    > "$DATA/wrk.out"; } 2>&1 )"
  s1="$(cpu_seconds "$SERVER_PID")"
  to="$(date -u +%T)"
  n="$(awk '/requests in/ { print $1 }' "$DATA/wrk.out")"
  rate="$(awk '/^Requests\/sec/ { print $2 }' "$DATA/wrk.out")"
  p99="$(awk '$1 == "99%" { print $2 }' "$DATA/wrk.out")"
  non3xx="$(awk '/Non-2xx or 3xx/ { print $NF }' "$DATA/wrk.out")"
  awk -v l="$label" -v n="$n" -v r="$rate" -v p="$p99" -v o="${non3xx:-0}" -v s0="$s0" -v s1="$s1" -v t="$times" -v w="$from-$to" \
    'BEGIN { split(t, c, " "); printf "%s %d requests = %.0f/s, p99 %s, non-2xx/3xx answers %s; CPU s per 1,000 requests: server %.3f, generator %.3f (%s UTC)\n", l, n, r, p, o, (s1 - s0) * 1000 / n, (c[1] + c[2]) * 1000 / n, w }'
  grep -A4 'Latency Distribution' "$DATA/wrk.out" | sed 's/^/  /'
}

run_wrk() {
  local path="$1" threads="$2" token etag url
  url="$SERVER_URL/api/v1/sync/manifest"
  if [ "$path" = manifest ]; then
    token="$(head -1 "$DATA/devices.tsv" | cut -f4)"
    etag="$(curl -sf -o /dev/null -D - -H "Authorization: Bearer $token" "$url" | tr -d '\r' \
      | awk 'tolower($1) == "etag:" { print $2 }')"
    set -- -c"$threads" -H "Authorization: Bearer $token" -H "If-None-Match: $etag" "$url"
  else
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[{"username":"admin","password":"%s"}]]\n' \
      "$PASSWORD" > "$DATA/login.lua"
    set -- -c"$threads" -s "$DATA/login.lua" "$SERVER_URL/api/v1/auth/login"
  fi
  wrk_window "warm-up: " "${WARMUP_SECONDS:-10}" "$@"
  if [ -n "${JFR_DIR:-}" ]; then
    mkdir -p "$JFR_DIR"
    jcmd "$SERVER_PID" JFR.start name=small settings=profile "jdk.ThreadAllocationStatistics#period=1s" \
      filename="$JFR_DIR/$path-wrk.jfr" > /dev/null
  fi
  wrk_window "measured:" "${RUN_SECONDS:-20}" "$@"
  echo "load average after: $(cat /proc/loadavg)"
  if [ -n "${JFR_DIR:-}" ]; then
    jcmd "$SERVER_PID" JFR.stop name=small > /dev/null
    python3 "$ROOT/bench/small-profile.py" "$JFR_DIR/$path-wrk.jfr" "$(awk '/requests in/ { print $1 }' "$DATA/wrk.out")" \
      | head -"${PROFILE_LINES:-40}"
  fi
}

status=0
for path in ${PATHS:-manifest login}; do
  threads="${THREADS:-64}"
  [ "$path" = login ] && threads="${LOGIN_THREADS:-8}"
  for generator in ${GENERATORS:-wrk java}; do
    echo "$path, $generator: $threads connections, load average before $(cut -d' ' -f1 /proc/loadavg)"
    if [ "$generator" = wrk ]; then
      if wrk_ready; then run_wrk "$path" "$threads" || status=$?; else echo "  wrk is not installed: skipped"; fi
    else
      java -jar "$BENCH_JAR" small --server "$SERVER_URL" --path "$path" --devices-file "$DATA/devices.tsv" \
        --admin-password "$PASSWORD" --threads "$threads" --warmup-seconds "${WARMUP_SECONDS:-10}" \
        --seconds "${RUN_SECONDS:-20}" --server-pid "$SERVER_PID" || status=$?
    fi
  done
done
exit $status
