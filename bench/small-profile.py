#!/usr/bin/env python3
"""What the server did per request in a flight recording of a run-small.sh window (JFR_DIR, BENCHMARKS.md (u)).

usage: small-profile.py RECORDING.jfr REQUESTS
Prints the bytes every thread of the server allocated over the recording per request (jdk.ThreadAllocationStatistics,
taken every second: last minus first figure of each thread), the request threads' execution samples by layer (the
innermost frame that belongs to a known layer: Jetty, the servlet layer, metrics, the request log, gzip, Jersey, our
filters, authentication, the manifest), the top sampled frames, and the sampled allocations by layer and by site.
Needs the JDK's `jfr` tool on the PATH."""
import json, subprocess, sys, collections
jfr, requests = sys.argv[1], int(sys.argv[2])
def events(name, depth=64):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(depth), "--events", name, jfr],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]
# allocation per request: per thread, last - first cumulative figure in the recording
first, last = {}, {}
for e in events("jdk.ThreadAllocationStatistics", 1):
    v = e["values"]; t = v["thread"]["javaThreadId"] if v["thread"] else None
    if t is None: continue
    a = v["allocated"]
    first.setdefault(t, a); last[t] = a
total = sum(last[t] - first[t] for t in last)
print(f"allocated: {total/1e6:.1f} MB in the recording = {total/requests/1024:.2f} KiB per request ({requests} requests)")
def frames(e):
    st = e["values"].get("stackTrace")
    if not st: return []
    return [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in st["frames"]]
LAYERS = [
    ("sync/resource", ("org.fieldsafe.server.resources.SyncResource", "org.fieldsafe.server.sync")),
    ("client address", ("org.fieldsafe.server.auth.ClientAddressFilter",)),
    ("auth (ours)", ("org.fieldsafe.server.auth", "org.fieldsafe.server.resources.auth")),
    ("early 304 filter", ("org.fieldsafe.server.resources.ManifestNotModifiedFilter",)),
    ("security headers", ("org.fieldsafe.server.resources.console.SecurityHeadersFilter",)),
    ("cookie/session filter", ("org.fieldsafe.server.resources.console.CookieSessionFilter",)),
    ("request size filter", ("org.fieldsafe.server.mappers.RequestSizeLimitFilter",)),
    ("client address", ("org.fieldsafe.server.auth.ClientAddressFilter",)),
    ("dropwizard-auth", ("io.dropwizard.auth",)),
    ("request log", ("org.eclipse.jetty.server.CustomRequestLog", "io.dropwizard.request.logging", "ch.qos.logback")),
    ("metrics", ("com.codahale.metrics", "io.dropwizard.metrics", "io.dropwizard.jetty.RoutingHandler")),
    ("gzip", ("org.eclipse.jetty.compression", "org.eclipse.jetty.server.handler.gzip", "io.dropwizard.jetty.Gzip")),
    ("jackson", ("com.fasterxml",)),
    ("jersey", ("org.glassfish.jersey", "org.glassfish.hk2", "org.jvnet.hk2", "jakarta.ws.rs")),
    ("jetty servlet/ee10", ("org.eclipse.jetty.ee10",)),
    ("jetty", ("org.eclipse.jetty",)),
    ("dropwizard", ("io.dropwizard",)),
    ("jdk", ("java.", "jdk.", "sun.")),
]
def layer_of(fs):
    # the innermost frame that belongs to a non-jdk layer, scanning from the top of the stack
    for f in fs:
        for name, prefixes in LAYERS[:-1]:
            if f.startswith(prefixes): return name
    return "jdk/other"
def request_thread(e):
    t = e["values"].get("sampledThread") or e["values"].get("eventThread")
    return t and t["javaName"] and t["javaName"].startswith("dw-")
samples = events("jdk.ExecutionSample")
req = [s for s in samples if request_thread(s)]
print(f"execution samples: {len(samples)}, in request threads (dw-*): {len(req)}")
by = collections.Counter(layer_of(frames(s)) for s in req)
for k, n in by.most_common(): print(f"  {k:24s} {n:6d} {100*n/max(1,len(req)):5.1f} %")
# inclusive: a layer anywhere in the stack
incl = collections.Counter()
for s in req:
    fs = frames(s); seen = set()
    for f in fs:
        for name, prefixes in LAYERS[:-1]:
            if f.startswith(prefixes):
                seen.add(name)
                break
    incl.update(seen)
print("  inclusive (layer anywhere on the stack):", ", ".join(f"{k} {100*n/max(1,len(req)):.0f}%" for k, n in incl.most_common()))
top = collections.Counter(frames(s)[0] for s in req if frames(s))
print("  top frames:"); [print(f"    {n:5d} {f}") for f, n in top.most_common(25)]
alloc = events("jdk.ObjectAllocationSample")
w = collections.Counter(); wl = collections.Counter(); tw = 0
for a in alloc:
    if not request_thread(a): continue
    fs = frames(a); wt = a["values"]["weight"]; tw += wt
    wl[layer_of(fs)] += wt
    ours = next((f for f in fs if not f.startswith(("java.", "jdk.", "sun."))), fs[0] if fs else "?")
    w[(a["values"]["objectClass"]["name"], ours)] += wt
print(f"sampled allocation weight in request threads: {tw/1e6:.1f} MB")
for k, n in wl.most_common(): print(f"  {k:24s} {100*n/max(1,tw):5.1f} %")
print("  top sites (class, first non-JDK frame):")
for (c, f), n in w.most_common(30): print(f"    {100*n/max(1,tw):5.1f} % {c} @ {f}")
