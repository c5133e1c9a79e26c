#!/usr/bin/env python3
"""What the server did through a run of run-ingest.sh, per 10 s, and per upload over the measured window.

Reads the server's GC log (-Xlog:gc, epoch-ms decorated), its JIT log (-Xlog:jit+compilation=debug), the samples
run-ingest.sh took every second (epoch ms, server CPU ticks, write-ahead log bytes, /metrics as JSON) and the
generator's 'window:' line. Prints per 10 s (times from the measured window's start; negative: warm-up): young
collections and their pause time, bytes allocated (the heap freed by each collection; over the window also the heap's
growth, from the samples: load-independent per upload),
JIT compilations (C2 among them), group commits, WAL checkpoints and log restarts, the log's size, server CPU; then
over the window: allocated KB per upload and server CPU ms per upload.
A JIT log line that ends "made not entrant" or "made zombie" is an old version of a method being retired (the latter
by the code cache sweeper, in bulk), not a compilation: those are counted apart as "retired" (before section (t) of
BENCHMARKS.md they were counted as compilations: more than half of that figure, and the bursts of hundreds in one 10 s).
With CLASS_LOG (-Xlog:class+load, epoch-ms decorated) it also prints the classes loaded per 10 s: new code appearing
per request (lambdas, method handles, generated accessors) would show there. Over the window it says how many of
the compilations were of methods already compiled at a lower tier before it (the optimising compiler catching up)
and how many were of methods compiled for the first time.
usage: server-timeline.py GC_LOG JIT_LOG SAMPLES LOAD_OUTPUT [CLASS_LOG]
"""
import json
import re
import sys

gc_log, jit_log, samples_file, load_out = sys.argv[1:5]
class_log = sys.argv[5] if len(sys.argv) > 5 else None

window = None
for line in open(load_out, errors="replace"):
    m = re.match(r"window: (\d+)-(\d+) epoch ms, (\d+) uploads", line)
    if m:
        window = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
if window is None:
    print("server timeline: no 'window:' line from the generator")
    sys.exit(0)
w0, w1, uploads = window

# Collections: [<epoch ms>ms] GC(n) Pause Young (...) 120M->30M(256M) 5.1ms
gcs = []
for line in open(gc_log, errors="replace"):
    m = re.match(r"\[(\d+)ms\] GC\(\d+\) (Pause \w+).*?(\d+)M->(\d+)M\(\d+M\) ([\d.]+)ms", line)
    if m:
        gcs.append((int(m.group(1)), m.group(2), int(m.group(3)) - int(m.group(4)), float(m.group(5))))
# Compilations: [<epoch ms>ms] <id> <flags> <tier> name (bytes)
# (a line ending "made not entrant" or "made zombie" retires an old version: not a compilation)
jits = []
retired = []
first_compiled = {}
for line in open(jit_log, errors="replace"):
    m = re.match(r"\[(\d+)ms\]\s+\d+\s+[%sbn!]*\s*(\d)\s+(\S+)", line)
    if m:
        if "made not entrant" in line or "made zombie" in line:
            retired.append(int(m.group(1)))
        else:
            jits.append((int(m.group(1)), int(m.group(2)), m.group(3)))
            first_compiled.setdefault(m.group(3), int(m.group(1)))
# Classes loaded: [<epoch ms>ms] name source: ...
classes = []
if class_log:
    for line in open(class_log, errors="replace"):
        m = re.match(r"\[(\d+)ms\]\s*\S+ source:", line)
        if m:
            classes.append(int(m.group(1)))
samples = []
for line in open(samples_file, errors="replace"):
    parts = line.rstrip("\n").split(" ", 3)
    if len(parts) < 4:
        continue
    try:
        metrics = json.loads(parts[3])
    except ValueError:
        continue
    g = metrics.get("gauges", {})
    samples.append((int(parts[0]), int(parts[1]), int(parts[2]),
                    metrics.get("timers", {}).get("org.fieldsafe.server.submissions.SubmissionWriter.commits", {}).get("count", 0),
                    g.get("org.fieldsafe.server.storage.WalCheckpointer.checkpoints", {}).get("value", 0),
                    g.get("org.fieldsafe.server.storage.WalCheckpointer.restarts", {}).get("value", 0),
                    g.get("jvm.memory.heap.used", {}).get("value", 0)))
if not samples:
    print("server timeline: no samples")
    sys.exit(0)


def at(t, index):
    """A sampled counter at time t (the last sample at or before it)."""
    best = samples[0]
    for s in samples:
        if s[0] <= t:
            best = s
    return best[index]


start = samples[0][0]
print("server per 10 s (s from the measured window's start; young GCs/pause ms, MB allocated, JIT compilations"
      " (C2) and versions retired, classes loaded, commits, WAL checkpoints/restarts, WAL MiB at the end, server CPU %):")
t = w0 - ((w0 - start) // 10000) * 10000
while t < w1:
    e = t + 10000
    young = [x for x in gcs if t <= x[0] < e]
    j = [x for x in jits if t <= x[0] < e]
    cpu = (at(e, 1) - at(t, 1)) / 100.0  # clock ticks of 10 ms
    print("  %+4d s: GC %2d/%5.0f ms, %5d MB, JIT %4d (%3d) retired %4d, classes %s, commits %5d, checkpoints %d/%d,"
          " WAL %4d MiB, CPU %3.0f %%"
          % ((t - w0) // 1000, len(young), sum(x[3] for x in young), sum(x[2] for x in young), len(j),
             sum(1 for x in j if x[1] == 4), sum(1 for x in retired if t <= x < e),
             sum(1 for x in classes if t <= x < e) if class_log else "-", at(e, 3) - at(t, 3), at(e, 4) - at(t, 4),
             at(e, 5) - at(t, 5), at(e, 2) // 1048576, 100 * cpu / 10))
    t = e
in_window = [x for x in gcs if w0 <= x[0] < w1]
# freed by the collections in the window, plus what the heap grew by over it (sampled each second)
allocated = sum(x[2] for x in in_window) + (at(w1, 6) - at(w0, 6)) / 1048576.0
cpu = (at(w1, 1) - at(w0, 1)) * 10.0
if uploads:
    window_jits = [x for x in jits if w0 <= x[0] < w1]
    print("server over the window: %d uploads, %.0f MB allocated (freed by %d collections, %.0f ms paused, and the heap's growth): %.0f KB per"
          " upload; CPU %.2f ms per upload; %d JIT compilations (%d C2; %d of methods compiled before the window,"
          " %d first compiled in it), %d versions retired, %s classes loaded"
          % (uploads, allocated, len(in_window), sum(x[3] for x in in_window), allocated * 1024.0 / uploads,
             cpu / uploads, len(window_jits), sum(1 for x in window_jits if x[1] == 4),
             sum(1 for x in window_jits if first_compiled[x[2]] < w0),
             sum(1 for x in window_jits if first_compiled[x[2]] >= w0), sum(1 for x in retired if w0 <= x < w1),
             sum(1 for x in classes if w0 <= x < w1) if class_log else "-"))
