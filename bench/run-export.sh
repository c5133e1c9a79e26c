#!/usr/bin/env bash
# Export benchmark (issue 4): 100,000 realistic sealed interviews exported to wide + long CSV, in one JVM with the
# heap capped, against an open-only baseline in the same JVM.
#   1. generates the sealed interviews once (bench jar: export-generate): the reference study's real forms,
#      research parts as the client builds them, respondents drawn like the export tests' synthetic study (Table 3's
#      site x category proportions, its ages, genders, languages and dates), free text in the site's language sized
#      so each envelope is 8-16 KB, sealed for real to a throw-away research key (one in five with an identity part);
#      kept in DATA_DIR for later runs,
#   2. runs, in ONE JVM with -Xmx$HEAP (bench jar: export): a warm-up of both phases on the first WARMUP
#      interviews, then the open-only baseline (parse and open every research part on the same worker threads,
#      write nothing) and the export (two passes, encrypted spool, generalisation search and k-anonymity, wide + long
#      CSV, codebook, manifest) once per k in K (0: the study's k), each with interviews/s, peak heap, heap after GC
#      and peak RSS, the generalisation chosen; prints each ratio to the baseline and the load average; and the
#      process's CPU time of the baseline, the export and each pass (per interview, share of the cores, the main
#      thread's, the JIT compiler and GC threads'), with the CPU ratios beside the wall ratio (section (w)).
# Settings (environment): COUNT=100000 HEAP=256m WARMUP=5000 K=0,50 FORMATS=wide,long (e.g. wide,long,qdpx)
#   DATA_DIR=${TMPDIR:-/tmp}/fieldsafe-export-bench-synthetic
#   KEEP_DATA=1 (keep the generated interviews; default: keep, since generating takes minutes) THREADS (default: cores)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT="${COUNT:-100000}"
HEAP="${HEAP:-256m}"
WARMUP="${WARMUP:-5000}"
DATA_DIR="${DATA_DIR:-${TMPDIR:-/tmp}/fieldsafe-export-bench-synthetic}"
K="${K:-0,50}"
FORMATS="${FORMATS:-wide,long}"
BENCH_JAR="$ROOT/bench/target/fieldsafe-bench.jar"

if [ ! -f "$BENCH_JAR" ]; then
  (cd "$ROOT" && mvn -B -q -Pbench -pl bench -am package -DskipTests)
fi

cd "$ROOT"
if [ ! -f "$DATA_DIR/envelopes.jsonl" ] || [ ! -f "$DATA_DIR/research.key" ]; then
  echo "generating $COUNT sealed interviews into $DATA_DIR (once)"
  java -Xmx1g -jar "$BENCH_JAR" export-generate --dir "$DATA_DIR" --count "$COUNT"
fi
echo "data: $(wc -l < "$DATA_DIR/envelopes.jsonl") envelopes, $(( $(stat -c %s "$DATA_DIR/envelopes.jsonl") / 1048576 )) MiB"

THREAD_ARGS=()
if [ -n "${THREADS:-}" ]; then
  THREAD_ARGS=(--threads "$THREADS")
fi
java -Xmx"$HEAP" -jar "$BENCH_JAR" export --dir "$DATA_DIR" --warmup "$WARMUP" --k "$K" --formats "$FORMATS" "${THREAD_ARGS[@]}"

if [ "${KEEP_DATA:-1}" != 1 ]; then
  rm -rf "$DATA_DIR"
fi
