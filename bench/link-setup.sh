#!/usr/bin/env bash
# The device side of bench/run-link.sh, run by the benchmark while its proxy is still at full speed: enrols a device
# home through the proxy's address (so every later request passes the link), pulls the study, and seals
# INTERVIEWS interviews from answers files with the client CLI, the first RECORDINGS of them with a recording of
# RECORDING_BYTES (random bytes: sealed, a recording is as incompressible as this). Called with SERVER_URL,
# PROXY_URL, PASSWORD, HOME_DIR, WORK, BENCH_JAR, INTERVIEWS, RECORDINGS, RECORDING_BYTES in the environment.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
code=$(java -jar "$BENCH_JAR" link-code --server "$SERVER_URL" --admin-password "$PASSWORD" --enumerator enum-link)
FIELDSAFE_SERVER="$SERVER_URL" FIELDSAFE_USER=admin FIELDSAFE_PASSWORD="$PASSWORD" \
  ./fieldsafe admin keys init --study beyond-awareness --holder research=link-dm --holder safeguarding=link-so \
  --holder identity=link-pi > /dev/null
./fieldsafe client enrol --server "$PROXY_URL" --code "$code" --home "$HOME_DIR" --name link-laptop > /dev/null
./fieldsafe client forms pull --home "$HOME_DIR" > /dev/null
export FIELDSAFE_PASSPHRASE="link-bench-Passphrase-7"
for i in $(seq 1 "$INTERVIEWS"); do
  recording=null
  consent=no
  if [ "$i" -le "$RECORDINGS" ]; then
    head -c "$RECORDING_BYTES" /dev/urandom > "$WORK/recording-$i.webm"
    recording="\"$WORK/recording-$i.webm\""
    consent=yes
  fi
  python3 - "$ROOT/scripts/tour/answers-km.json" "$i" "$consent" "$recording" > "$WORK/answers-$i.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
r = a["respondents"][0]
r["consent"]["respondent_code"] = "KH-SVR-RH-%03d" % int(sys.argv[2])
r["consent"]["recording_consent"] = sys.argv[3]
r["answers"]["recording"] = json.loads(sys.argv[4])
a["disclosures"] = [{"respondent": 0, "choice": "decline"}]
json.dump(a, sys.stdout, ensure_ascii=False)
PY
  ./fieldsafe client interview --form interview --site KH-SVR --lang km --home "$HOME_DIR" \
    --answers "$WORK/answers-$i.json" < /dev/null > "$WORK/interview-$i.out" 2>&1 \
    || { echo "interview $i failed:" >&2; cat "$WORK/interview-$i.out" >&2; exit 1; }
done
echo "sealed $INTERVIEWS interviews ($RECORDINGS with a recording of $RECORDING_BYTES bytes) into $HOME_DIR"
