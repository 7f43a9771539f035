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
 * @param heapAfterGcMb heap used after a full collection, in MiB; null when jcmd is not there (a JRE) or the
 *     collector prints its heap in a layout not known here
 * @param rssMb resident set size in MiB, after that collection
 * @param peakRssMb the largest resident set size the process has had, in MiB
 */
public record JvmMemory(Double heapAfterGcMb, double rssMb, double peakRssMb) {

    /**
     * A generation's line of {@code GC.heap_info}, whose used KiB add up to the heap's: G1's one ({@code
     * garbage-first heap   total 262144K, used 123456K [...]}, on Java 25 {@code total reserved 6172672K, committed
     * 393216K, used 11835K}), the young and old ones of the parallel and serial collectors ({@code PSYoungGen total
     * 113152K, used 16182K}, {@code tenured generation total 258048K, used 0K}). Their spaces and the metaspace
     * print no total.
     */
    private static final Pattern GENERATION_USED =
            Pattern.compile("total (?:reserved \\d+K, committed )?\\d+K, used (\\d+)K");
    /** ZGC's heap line: {@code ZHeap           used 14M, capacity 378M, max capacity 6028M}. */
    private static final Pattern Z_HEAP_USED = Pattern.compile("ZHeap\\s+used (\\d+)M");
    /** Shenandoah's: {@code 6028M max, 6028M soft max, 378M committed, 16005K used}. */
    private static final Pattern SHENANDOAH_USED = Pattern.compile("committed, (\\d+)K used");

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
            return heapUsedMb(jcmd.run(pid, "GC.heap_info"));
        });
    }

    /** The heap in use, in MiB, that {@code GC.heap_info} printed; empty for a collector whose layout is not known. */
    static Optional<Double> heapUsedMb(String heapInfo) {
        Matcher generation = GENERATION_USED.matcher(heapInfo);
        long kilobytes = 0;
        boolean found = false;
        while (generation.find()) {
            kilobytes += Long.parseLong(generation.group(1));
            found = true;
        }
        if (found) {
            return Optional.of(kilobytes / 1024.0);
        }
        Matcher z = Z_HEAP_USED.matcher(heapInfo);
        if (z.find()) {
            return Optional.of((double) Long.parseLong(z.group(1)));
        }
        Matcher shenandoah = SHENANDOAH_USED.matcher(heapInfo);
        return shenandoah.find() ? Optional.of(Long.parseLong(shenandoah.group(1)) / 1024.0) : Optional.empty();
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
