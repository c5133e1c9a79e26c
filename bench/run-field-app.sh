#!/usr/bin/env bash
# Field app benchmark (issue 15), a test-scope main of client-lib (org.fieldsafe.client.app.FieldAppBenchmark), run
# on purpose only (never by mvn test or verify): `client app` start to interactive page, and question-to-question
# latency p50/p95 over a generated 200-question form, both in headless Debian Chromium (/usr/bin/chromium with
# /usr/bin/chromedriver). Settings (environment): STARTS=5 QUESTIONS=200
# The app is started through the ./fieldsafe launcher, as an enumerator starts it, from the jar built here; the
# launcher makes its class-data-sharing archive right after a build of its own, or at the first 'client app' after a
# build made otherwise - here the mvn package below, then 'client app --help' before the starts are timed (as after
# installing: the archive is part of the build, not of any start measured).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -B -q -pl client-lib -am package -DskipTests
./fieldsafe client app --help >/dev/null
mvn -B -q -pl client-lib dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
# this checkout's core, not whatever snapshot of it the local repository holds
cp="core/target/classes:$(tr ':' '\n' <client-lib/target/bench.cp | grep -v '/fieldsafe-core-' | paste -sd:)"
cd client-lib
java -Dbench.launcher="$ROOT/fieldsafe" -cp "target/test-classes:target/classes:../$cp" \
  org.fieldsafe.client.app.FieldAppBenchmark \
  "${STARTS:-5}" "${QUESTIONS:-200}"
uptime
