package io.paperstream.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the CPU went while an application drained, in cores (CPU seconds per second of the window): its
 * process's CPU ({@code /proc/PID/stat}), split by its threads' own CPU times (the {@code cpu=} of each
 * thread in {@code jcmd PID Thread.print}), and how busy the whole machine was ({@code /proc/stat}). The
 * machine's share tells whether the run was short of CPU; what the process does not account for of it went
 * to the broker, the registry and the bench.
 *
 * @param seconds the window
 * @param machineCores the machine's processors
 * @param machineBusy the share of the machine's CPU time that was not idle in the window, 0 to 1
 * @param processCores the process's CPU, in cores
 * @param threadCores cores per group of the process's threads (see {@link #GROUPS}), the rest of the process
 *     as "other"; empty when jcmd is not there (a JRE)
 */
public record CpuUse(
        double seconds, int machineCores, double machineBusy, double processCores, Map<String, Double> threadCores) {

    /** The groups of threads reported, in order, and "other" for the rest of the process. */
    static final List<String> GROUPS =
            List.of("stream threads", "search index", "Kafka clients", "JIT compiler", "GC", "other");

    /** A thread of a {@code Thread.print}: its name and its CPU time so far. */
    private static final Pattern THREAD = Pattern.compile("^\"(.*)\" .*?\\bcpu=([0-9.]+)ms", Pattern.MULTILINE);

    static final double SHORTEST_WINDOW_SECONDS = 0.25;

    private static final Pattern STREAM_THREAD = Pattern.compile("-StreamThread-\\d+$");
    private static final Path MACHINE = Path.of("/proc/stat");

    /** What the counters read at one moment. */
    record Sample(
            long nanos,
            int machineCores,
            long machineTicks,
            long machineIdleTicks,
            long processTicks,
            Map<String, Double> threadMillis) {}

    /**
     * The counters of process {@code pid} and of the machine now, and with {@code threads} the CPU time of each
     * thread of the process; empty where there is no {@code /proc} (not Linux), so that the bench runs there
     * without this figure.
     */
    static Optional<Sample> sample(long pid, boolean threads) {
        if (!Files.isReadable(MACHINE)) {
            return Optional.empty();
        }
        long nanos = System.nanoTime();
        long process = processTicks(pid);
        List<String> machine = read(MACHINE).lines().toList();
        long[] all = ticks(machine.get(0));
        int cores = (int)
                machine.stream().filter(line -> line.matches("cpu\\d+ .*")).count();
        long total = 0;
        // user, nice, system, idle, iowait, irq, softirq, steal: guest time is counted in user already
        for (int i = 0; i < Math.min(8, all.length); i++) {
            total += all[i];
        }
        long idle = all[3] + all[4];
        // jcmd is a JVM of its own, run after the counters are read: the CPU of the first sample's jcmd counts in
        // the window's machine figure, never in the process's
        Map<String, Double> threadMillis = threads
                ? Jcmd.find()
                        .map(jcmd -> threadMillis(jcmd.run(pid, "Thread.print")))
                        .orElse(Map.of())
                : Map.of();
        return Optional.of(new Sample(nanos, cores, total, idle, process, threadMillis));
    }

    /**
     * The use between two samples of one process; empty when they are less than {@link #SHORTEST_WINDOW_SECONDS}
     * apart, too short to count in clock ticks.
     */
    static Optional<CpuUse> between(Sample start, Sample end) {
        double seconds = (end.nanos() - start.nanos()) / 1e9;
        long machineTicks = end.machineTicks() - start.machineTicks();
        if (seconds < SHORTEST_WINDOW_SECONDS || machineTicks <= 0) {
            return Optional.empty();
        }
        // /proc counts clock ticks: the machine's ticks over the window give the tick rate
        double ticksPerCore = machineTicks / (double) end.machineCores();
        double busy = 1 - (end.machineIdleTicks() - start.machineIdleTicks()) / (double) machineTicks;
        double processCores = (end.processTicks() - start.processTicks()) / ticksPerCore;
        Map<String, Double> groups = new LinkedHashMap<>();
        if (!end.threadMillis().isEmpty()) {
            GROUPS.forEach(group -> groups.put(group, 0.0));
            for (Map.Entry<String, Double> thread : end.threadMillis().entrySet()) {
                // a thread started in the window (or a new one of an ended thread's name) used all its time in it
                double before = start.threadMillis().getOrDefault(thread.getKey(), 0.0);
                double millis = thread.getValue() >= before ? thread.getValue() - before : thread.getValue();
                groups.merge(group(thread.getKey()), millis / 1000 / seconds, Double::sum);
            }
            // native threads (RocksDB's), threads that ended in the window and the JVM's own: what of the process no
            // named group accounts for
            double named = GROUPS.stream()
                    .filter(group -> !group.equals("other"))
                    .mapToDouble(groups::get)
                    .sum();
            groups.put("other", Math.max(0, processCores - named));
        }
        return Optional.of(new CpuUse(seconds, end.machineCores(), busy, processCores, groups));
    }

    /** The group of the thread named {@code name}. */
    static String group(String name) {
        if (STREAM_THREAD.matcher(name).find()) {
            return "stream threads";
        }
        // Lucene starts a merge thread per merge: one that ended in the window counts as "other"
        if (name.startsWith("paper-index") || name.startsWith("Lucene Merge Thread")) {
            return "search index";
        }
        if (name.startsWith("kafka-producer-network-thread")
                || name.startsWith("kafka-coordinator-heartbeat-thread")
                || name.startsWith("consumer_background_thread")) {
            return "Kafka clients";
        }
        if (name.contains("CompilerThread")) {
            return "JIT compiler";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "GC";
        }
        return "other";
    }

    /** CPU milliseconds by thread name in a {@code Thread.print}; threads of one name add up. */
    static Map<String, Double> threadMillis(String threadPrint) {
        Map<String, Double> threads = new LinkedHashMap<>();
        Matcher thread = THREAD.matcher(threadPrint);
        while (thread.find()) {
            threads.merge(thread.group(1), Double.parseDouble(thread.group(2)), Double::sum);
        }
        return threads;
    }

    /** User and system clock ticks of process {@code pid}, its ended threads included. */
    private static long processTicks(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // the command name, in parentheses, may hold spaces: fields count from after it (state is field 3)
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The numbers of a {@code /proc/stat} cpu line. */
    private static long[] ticks(String line) {
        String[] fields = line.trim().split("\\s+");
        long[] ticks = new long[fields.length - 1];
        for (int i = 1; i < fields.length; i++) {
            ticks[i - 1] = Long.parseLong(fields[i]);
        }
        return ticks;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
