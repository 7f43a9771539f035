package io.paperstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory of a running JVM as the operating system and the JVM see it: the heap in use right after a full
 * collection ({@code jcmd PID GC.run}, then {@code GC.heap_info}), which is what the application keeps, and
 * the resident set size ({@code VmRSS} of {@code /proc/PID/status}), which is what the machine gives it, and its
 * peak over the process's life ({@code VmHWM}), which is what a memory limit must allow.
 *
 * @param heapAfterGcMb heap used after a full collection, in MiB; null when jcmd is not there (a JRE)
 * @param rssMb resident set size in MiB, after that collection
 * @param peakRssMb the largest resident set size the process has had, in MiB
 */
public record JvmMemory(Double heapAfterGcMb, double rssMb, double peakRssMb) {

    /** The heap line of {@code GC.heap_info}: {@code garbage-first heap   total 262144K, used 123456K [...]}. */
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern PEAK_RSS = Pattern.compile("VmHWM:\\s+(\\d+) kB");

    /** The memory of process {@code pid} now. */
    static JvmMemory of(long pid) {
        Double heap = heapAfterGc(pid).orElse(null);
        String status = status(pid);
        return new JvmMemory(heap, megabytes(status, RSS, pid), megabytes(status, PEAK_RSS, pid));
    }

    private static Optional<Double> heapAfterGc(long pid) {
        return Jcmd.find().flatMap(jcmd -> {
            jcmd.run(pid, "GC.run");
            Matcher used = HEAP_USED.matcher(jcmd.run(pid, "GC.heap_info"));
            return used.find() ? Optional.of(Long.parseLong(used.group(1)) / 1024.0) : Optional.empty();
        });
    }

    private static String status(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            return Files.readString(status, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + status + " (the resident set size needs Linux)", e);
        }
    }

    private static double megabytes(String status, Pattern line, long pid) {
        Matcher kilobytes = line.matcher(status);
        if (!kilobytes.find()) {
            throw new BenchException("/proc/" + pid + "/status has no line " + line.pattern());
        }
        return Long.parseLong(kilobytes.group(1)) / 1024.0;
    }
}
