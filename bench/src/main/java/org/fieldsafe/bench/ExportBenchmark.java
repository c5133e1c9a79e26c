package org.fieldsafe.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.StudyKeys;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.export.DirectorySink;
import org.fieldsafe.export.ExportFilter;
import org.fieldsafe.export.ExportForm;
import org.fieldsafe.export.ExportFormat;
import org.fieldsafe.export.ExportManifest;
import org.fieldsafe.export.ExportRequest;
import org.fieldsafe.export.Exporter;
import org.fieldsafe.export.JsonLinesSource;
import org.fieldsafe.export.ParallelOpener;
import org.fieldsafe.export.SealedConsumer;
import org.fieldsafe.export.SealedSource;

/**
 * The export benchmark (bench/run-export.sh), commands of {@link IngestBenchmark}'s command line.
 * <pre>
 * export-generate --dir DIR [--count 100000] [--forms forms/beyond-awareness] [--seed 1]
 * export          --dir DIR [--forms forms/beyond-awareness] [--warmup 5000] [--threads (cores)] [--k 0,50]
 *                 [--formats wide,long]
 * </pre>
 * {@code export-generate} writes DIR/envelopes.jsonl (realistic sealed interviews, {@link ExportData}) and the
 * throw-away research key DIR/research.key. {@code export}, in one JVM: a warm-up of both phases on the first
 * interviews, then the open-only baseline (parse and open every research part on the same worker threads, write
 * nothing) and the export to wide + long CSV (or the formats {@code --formats} names, e.g. {@code wide,long,qdpx};
 * codebook and manifest included) once per k in {@code --k} (0: the
 * study's k; a larger one is a data manager's stricter request, which makes the generalisation search climb the
 * lattice), each timed, with peak heap, heap after GC, peak RSS, the generalisation chosen and the ratio to the
 * baseline; and the process's CPU time of the baseline and of each export (and of each pass), per interview and as a
 * share of the cores, with the ratio of CPU per interview beside the ratio of rates (on a shared machine the CPU
 * time depends far less on the other processes' load than the wall time).
 */
public final class ExportBenchmark {
    private ExportBenchmark() {
    }

    static int generate(Args a) throws Exception {
        Path dir = Files.createDirectories(Path.of(a.required("dir")));
        StudyBundle bundle = StudyLoader.load(Path.of(a.text("forms", "forms/beyond-awareness")));
        KeyPairBytes research = StudyKeys.generateX25519();
        int count = a.number("count", 100_000);
        long start = System.nanoTime();
        long bytes = new ExportData(bundle, research, StudyKeys.generateX25519())
                .write(dir.resolve("envelopes.jsonl"), count, a.number("seed", 1));
        Files.writeString(dir.resolve("research.key"), HexFormat.of().formatHex(research.privateKey()) + "\n");
        System.out.printf("generated %,d sealed interviews, %,d bytes (mean %,d bytes an envelope) in %.0f s%n",
                count, bytes, bytes / count, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    static int run(Args a) throws Exception {
        Path dir = Path.of(a.required("dir"));
        StudyBundle bundle = StudyLoader.load(Path.of(a.text("forms", "forms/beyond-awareness")));
        byte[] key = HexFormat.of().parseHex(Files.readString(dir.resolve("research.key")).strip());
        String keyId = StudyKeys.fingerprint(StudyKeys.x25519PublicKey(key));
        int threads = a.number("threads", ParallelOpener.defaultThreads());
        List<ExportForm> forms = bundle.forms().stream().map(f -> new ExportForm(1, f)).toList();
        Exporter exporter = new Exporter(bundle.study(), forms, Clock.systemUTC(), threads);
        SealedSource all = new JsonLinesSource(dir.resolve("envelopes.jsonl"));
        System.out.printf("machine: %d cores, max heap %d MiB, %d worker threads, %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, threads,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        Set<ExportFormat> formats = new TreeSet<>();
        for (String f : a.text("formats", "wide,long").split(",")) {
            formats.add(ExportFormat.of(f.strip()));
        }
        int warmup = a.number("warmup", 5000);
        if (warmup > 0) {
            SealedSource first = limited(all, warmup);
            openOnly(first, threads, keyId, key);
            export(exporter, first, keyId, key, dir.resolve("warmup"), 0, formats);
            System.out.println("warm-up: both phases on the first " + warmup + " interviews");
        }
        Memory memory = Memory.start();
        System.out.println("load average before the baseline: " + loadAverage());
        long t0 = System.nanoTime();
        Cpu.Mark c0 = Cpu.mark();
        long[] opened = openOnly(all, threads, keyId, key);
        double baseline = (System.nanoTime() - t0) / 1e9;
        Cpu.Used baseCpu = Cpu.since(c0, baseline);
        Memory.Peak basePeak = memory.peakAndReset();
        System.out.printf("open-only baseline: %,d opened (%d failed) in %.1f s = %,.0f interviews/s; peak heap %d MiB,"
                        + " max heap after GC %d MiB (%d GCs), peak RSS %d MiB%n", opened[0], opened[1], baseline,
                opened[0] / baseline, basePeak.heapMiB(), basePeak.afterGcMiB(), basePeak.collections(),
                basePeak.rssMiB());
        System.out.println("open-only baseline CPU: " + baseCpu.describe(opened[0]));
        double baseRate = opened[0] / baseline;
        for (String k : a.text("k", "0,50").split(",")) {
            exportOnce(exporter, all, keyId, key, dir, Integer.parseInt(k.strip()), memory, baseRate,
                    baseCpu, opened[0], formats);
        }
        memory.stop();
        return 0;
    }

    private static void exportOnce(Exporter exporter, SealedSource all, String keyId, byte[] key, Path dir, int k,
                                   Memory memory, double baseRate, Cpu.Used baseCpu, long baseCount,
                                   Set<ExportFormat> formats) throws IOException {
        System.out.println("load average before the export (k " + (k == 0 ? "of the study" : k) + "): "
                + loadAverage());
        long t1 = System.nanoTime();
        Cpu.Mark c1 = Cpu.mark();
        ExportManifest m = export(exporter, all, keyId, key, dir.resolve("export"), k, formats);
        double export = (System.nanoTime() - t1) / 1e9;
        Cpu.Used exportCpu = Cpu.since(c1, export);
        double pass1 = (Memory.writeStarted - t1) / 1e9;
        Cpu.Used pass1Cpu = Cpu.between(c1, Memory.writeStartedCpu, pass1);
        Cpu.Used pass2Cpu = Cpu.between(Memory.writeStartedCpu, Cpu.mark(), export - pass1);
        Memory.Peak exportPeak = memory.peakAndReset();
        long read = m.counts().read();
        System.out.printf("export (" + formats + ", k %d): %,d interviews, %,d respondents exported, %,d suppressed,"
                        + " %d unopenable, in %.1f s = %,.0f interviews/s; peak heap %d MiB, max heap after GC %d MiB"
                        + " (%d GCs), peak RSS %d MiB%n", m.kRequired(), read, m.counts().respondentsExported(),
                m.counts().respondentsSuppressed(), m.counts().unopenable(), export, read / export,
                exportPeak.heapMiB(), exportPeak.afterGcMiB(), exportPeak.collections(), exportPeak.rssMiB());
        System.out.printf("export phases: pass 1 (open, anonymise, spool) %.1f s, pass 2 (read, generalise and"
                + " k-anonymity, render, write) %.1f s%n", pass1, export - pass1);
        System.out.println("heap in use after the latest GC (MiB) at each tenth of each export phase: "
                + exportPeak.afterGcSeries());
        ExportManifest.Generalised g = m.generalisation();
        if (g != null) {
            System.out.printf("generalisation: levels %s, information loss %.3f, limit met %s, %d of %d lattice nodes"
                    + " checked; suppressed by category %s%n", g.levels(), g.informationLoss(), g.limitMet(),
                    g.nodesChecked(), g.latticeNodes(), g.suppressedByCategory());
            g.summary().forEach(line -> System.out.println("  " + line));
        }
        m.files().forEach((name, f) -> System.out.printf("  %s: %,d bytes%n", name, f.bytes()));
        System.out.println("export CPU: " + exportCpu.describe(read));
        System.out.println("export CPU, pass 1: " + pass1Cpu.describe(read));
        System.out.println("export CPU, pass 2: " + pass2Cpu.describe(read));
        System.out.printf("ratio export/open-only (k %d): %.0f %% (wall), %.0f %% (CPU: %.3f ms an interview against"
                        + " the baseline's %.3f ms), %.0f %% (CPU without the JIT compiler threads: %.3f ms against"
                        + " %.3f ms); load average after: %s%n", m.kRequired(), 100 * (read / export) / baseRate,
                100 * baseCpu.processNanos() / (double) baseCount / (exportCpu.processNanos() / (double) read),
                exportCpu.processNanos() / 1e6 / read, baseCpu.processNanos() / 1e6 / baseCount,
                100 * baseCpu.withoutJitNanos() / (double) baseCount / (exportCpu.withoutJitNanos() / (double) read),
                exportCpu.withoutJitNanos() / 1e6 / read, baseCpu.withoutJitNanos() / 1e6 / baseCount, loadAverage());
    }

    /** The open-only baseline: opened and failed counts. */
    private static long[] openOnly(SealedSource source, int threads, String keyId, byte[] key) throws IOException {
        AtomicLong opened = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        new ParallelOpener(threads, keyId, key).run(source, s -> true, (s, e, plaintext) -> opened.incrementAndGet(),
                (id, reason) -> failed.incrementAndGet(), (phase, done, total) -> { });
        return new long[] {opened.get(), failed.get()};
    }

    private static ExportManifest export(Exporter exporter, SealedSource source, String keyId, byte[] key, Path out,
                                         int k, Set<ExportFormat> formats) throws IOException {
        delete(out);
        ExportRequest r = new ExportRequest("beyond-awareness", formats, "en", ExportFilter.all(), false, k);
        try {
            return exporter.run(r, source, keyId, key, new DirectorySink(out.resolve("files")), out.resolve("work"),
                    (phase, done, total) -> Memory.checkpoint(phase, done, total));
        } finally {
            delete(out);
        }
    }

    private static SealedSource limited(SealedSource source, long n) {
        return new SealedSource() {
            @Override
            public long count() {
                return n;
            }

            @Override
            public void forEach(SealedConsumer consumer) throws IOException {
                AtomicLong seen = new AtomicLong();
                try {
                    source.forEach(s -> {
                        if (seen.incrementAndGet() > n) {
                            throw new Stop();
                        }
                        consumer.accept(s);
                    });
                } catch (Stop done) {
                    // the first n were handed over
                }
            }
        };
    }

    /** Ends a limited source's iteration early. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((x, y) -> y.compareTo(x)).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * The CPU a phase used: the whole process's (every thread, the JIT compiler and GC included; the load of other
     * processes on the machine does not count in it), its share of the cores over the phase's wall time, and the
     * main thread's own (in the baseline and pass 1 it reads and parses the source and hands it to the worker
     * threads; in pass 2 it writes the files): whether it or the worker threads are the bottleneck; and, of the
     * process's CPU, the JIT compiler threads' and the garbage collector's (VM thread included), read from
     * /proc/self/task: work that is not the export's own but is counted in it.
     */
    private static final class Cpu {
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        record Mark(long processNanos, long readerNanos, long jitTicks, long gcTicks) {
        }

        record Used(long processNanos, long readerNanos, long jitTicks, long gcTicks, double seconds) {
            /** The process's CPU less its JIT compiler threads'. */
            long withoutJitNanos() {
                return processNanos - jitTicks * (1_000_000_000L / TICKS);
            }

            String describe(long interviews) {
                int cores = Runtime.getRuntime().availableProcessors();
                return String.format("process %.1f s = %.3f ms an interview, %.0f %% of %d cores over %.1f s;"
                                + " main thread %.1f s (%.0f %% of one core); of the process's: JIT compiler threads"
                                + " %.1f s, GC threads %.1f s", processNanos / 1e9, processNanos / 1e6 / interviews,
                        100 * processNanos / 1e9 / seconds / cores, cores, seconds, readerNanos / 1e9,
                        100 * readerNanos / 1e9 / seconds, jitTicks / (double) TICKS, gcTicks / (double) TICKS);
            }
        }

        private static final int TICKS = ProcStat.TICKS_PER_SECOND;

        static Mark mark() {
            long[] vm = vmThreadTicks();
            return new Mark(OS.getProcessCpuTime(), THREADS.getCurrentThreadCpuTime(), vm[0], vm[1]);
        }

        /**
         * CPU ticks (user + system) of the JVM's own threads so far, from /proc/self/task: the JIT compilers' and
         * the garbage collector's (threads of a phase that ended are not counted; zeros where /proc is not there).
         */
        private static long[] vmThreadTicks() {
            long[] ticks = new long[2];
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        ProcStat stat = ProcStat.read(task.resolve("stat"));
                        String name = stat.name();
                        long t = stat.ticks();
                        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                            ticks[0] += t;
                        } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")
                                || name.startsWith("VM Thread")) {
                            ticks[1] += t;
                        }
                    } catch (IOException | RuntimeException e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException e) {
                return ticks;
            }
            return ticks;
        }

        static Used since(Mark start, double seconds) {
            return between(start, mark(), seconds);
        }

        static Used between(Mark start, Mark end, double seconds) {
            return new Used(end.processNanos() - start.processNanos(), end.readerNanos() - start.readerNanos(),
                    end.jitTicks() - start.jitTicks(), end.gcTicks() - start.gcTicks(), seconds);
        }
    }

    /**
     * Peak heap in use and RSS (sampled every 20 ms), and the heap in use right after each garbage collection (GC
     * notifications: the live data, which is what must stay flat), with the latest such figure at each tenth of
     * each export phase.
     */
    private static final class Memory {
        private static final List<String> SERIES = new ArrayList<>();
        private static final java.util.Map<String, Long> LAST_TENTH = new java.util.HashMap<>();
        private static final AtomicLong LAST_AFTER_GC = new AtomicLong();
        private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();
        private static final AtomicLong COLLECTIONS = new AtomicLong();
        static volatile long writeStarted;
        static volatile Cpu.Mark writeStartedCpu;

        record Peak(long heapMiB, long afterGcMiB, long rssMiB, long collections, String afterGcSeries) {
        }

        private volatile boolean running = true;
        private long peakHeap;
        private long peakRss;
        private final Thread sampler;

        private Memory() {
            sampler = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "memory-sampler");
            sampler.setDaemon(true);
        }

        static Memory start() {
            for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                            (javax.management.openmbean.CompositeData) n.getUserData());
                    long used = 0;
                    for (String pool : info.getGcInfo().getMemoryUsageAfterGc().keySet()) {
                        if (heapPool(pool)) {
                            used += info.getGcInfo().getMemoryUsageAfterGc().get(pool).getUsed();
                        }
                    }
                    LAST_AFTER_GC.set(used);
                    PEAK_AFTER_GC.accumulateAndGet(used, Math::max);
                    COLLECTIONS.incrementAndGet();
                }, null, null);
            }
            Memory m = new Memory();
            m.sampler.start();
            return m;
        }

        private static boolean heapPool(String name) {
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .anyMatch(p -> p.getName().equals(name) && p.getType() == MemoryType.HEAP);
        }

        private synchronized void sample() {
            long heap = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    heap += pool.getUsage().getUsed();
                }
            }
            peakHeap = Math.max(peakHeap, heap);
            peakRss = Math.max(peakRss, rssKib());
        }

        synchronized Peak peakAndReset() {
            sample();
            Peak p;
            synchronized (SERIES) {
                p = new Peak(peakHeap >> 20, PEAK_AFTER_GC.get() >> 20, peakRss >> 10, COLLECTIONS.get(),
                        String.join(", ", SERIES));
                SERIES.clear();
                LAST_TENTH.clear();
            }
            PEAK_AFTER_GC.set(0);
            COLLECTIONS.set(0);
            peakHeap = 0;
            peakRss = 0;
            return p;
        }

        void stop() {
            running = false;
            sampler.interrupt();
        }

        /** At each tenth of each export phase: the heap in use after the latest GC, in MiB. */
        static void checkpoint(String phase, long done, long total) {
            if (total <= 0 || "done".equals(phase)) {
                return;
            }
            long tenth = done * 10 / total;
            synchronized (SERIES) {
                if ("write".equals(phase) && !LAST_TENTH.containsKey(phase)) {
                    writeStarted = System.nanoTime();
                    writeStartedCpu = Cpu.mark();
                }
                Long last = LAST_TENTH.put(phase, tenth);
                if (last != null && last == tenth) {
                    return;
                }
                SERIES.add(phase + " " + tenth * 10 + "%: " + (LAST_AFTER_GC.get() >> 20));
            }
        }

        private static long rssKib() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
            return 0;
        }
    }
}
