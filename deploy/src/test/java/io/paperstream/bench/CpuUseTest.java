package io.paperstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpuUseTest {

    private static final long BURN_NANOS = 400_000_000L;

    @ParameterizedTest
    @CsvSource(textBlock = """
            paperstream-bench-20261206-135455-pipeline-t1-9c1e-StreamThread-2, stream threads
            paper-indexer, search index
            paper-index-build, search index
            Lucene Merge Thread #3, search index
            kafka-producer-network-thread | app-StreamThread-1-producer, Kafka clients
            C2 CompilerThread0, JIT compiler
            GC Thread#1, GC
            G1 Conc#0, GC
            # the stream thread's own clients are not the stream thread
            app-StreamThread-1-consumer, other
            main, other
            """)
    void threadsAreGroupedByWhatTheyDo(String thread, String group) {
        assertThat(CpuUse.group(thread)).isEqualTo(group);
    }

    @Test
    void aThreadPrintGivesTheCpuOfEveryThreadJavaOrNot() {
        Map<String, Double> threads = CpuUse.threadMillis("""
                "main" #1 prio=5 os_prio=0 cpu=2852.83ms elapsed=1370.68s tid=0x00007f3bd801a1b0 nid=0x2c86 waiting
                   java.lang.Thread.State: WAITING (parking)
                \tat jdk.internal.misc.Unsafe.park(java.base@17.0.17/Native Method)

                "kafka-producer-network-thread | a \\"quoted\\" id" #40 daemon prio=5 os_prio=0 cpu=12.50ms elapsed=3.2s
                "VM Thread" os_prio=0 cpu=451.01ms elapsed=1370.84s tid=0x00007f3bd813ead0 nid=0x2c98 runnable
                "GC Thread#0" os_prio=0 cpu=20.00ms elapsed=1370.92s tid=0x00007f3bd8116ab0 nid=0x2c90 runnable
                "GC Thread#0" os_prio=0 cpu=5.00ms elapsed=1370.92s tid=0x00007f3bd8116ab0 nid=0x2c91 runnable
                """);

        assertThat(threads)
                .containsEntry("main", 2852.83)
                .containsEntry("kafka-producer-network-thread | a \\\"quoted\\\" id", 12.5)
                .containsEntry("VM Thread", 451.01)
                // two threads of one name add up
                .containsEntry("GC Thread#0", 25.0)
                .hasSize(4);
    }

    @Test
    void aBusyThreadsCpuIsItsOwnCpuTimeOverTheWindowAndPartOfItsProcesss() throws Exception {
        long pid = ProcessHandle.current().pid();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        CountDownLatch burnt = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        AtomicLong cpuNanos = new AtomicLong();
        AtomicLong consumed = new AtomicLong();
        Thread streamThread = new Thread(
                () -> {
                    long start = mx.getCurrentThreadCpuTime();
                    long sink = 0;
                    // bounded: at most this much of this thread's own CPU time, which the test then expects
                    while (mx.getCurrentThreadCpuTime() - start < BURN_NANOS) {
                        sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
                    }
                    cpuNanos.set(mx.getCurrentThreadCpuTime() - start);
                    consumed.set(sink);
                    burnt.countDown();
                    try {
                        measured.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "test-StreamThread-1");

        CpuUse.Sample start = CpuUse.sample(pid, true).orElseThrow();
        streamThread.start();
        burnt.await();
        CpuUse.Sample end = CpuUse.sample(pid, true).orElseThrow();
        measured.countDown();
        streamThread.join();
        CpuUse cpu = CpuUse.between(start, end).orElseThrow();

        assertThat(cpu.machineCores()).isEqualTo(countedCpus());
        assertThat(cpu.machineBusy()).isBetween(0.0, 1.0);
        assertThat(cpu.threadCores()).containsOnlyKeys(CpuUse.GROUPS);
        // started in the window, the thread used all its CPU time in it
        assertThat(cpu.threadCores().get("stream threads") * cpu.seconds())
                .isCloseTo(cpuNanos.get() / 1e9, within(0.005));
        // /proc counts in clock ticks (10 ms), and jcmd starts after the counters are read
        assertThat(cpu.processCores() * cpu.seconds()).isGreaterThan(cpuNanos.get() / 1e9 - 0.05);
        double grouped = cpu.threadCores().values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
        assertThat(grouped).isGreaterThanOrEqualTo(cpu.processCores() - 1e-9);
    }

    @Test
    void withoutThreadsASampleHasOnlyTheProcessAndTheMachine() {
        long pid = ProcessHandle.current().pid();
        CpuUse.Sample sample = CpuUse.sample(pid, false).orElseThrow();

        assertThat(sample.threadMillis()).isEmpty();
        assertThat(sample.processTicks()).isPositive();
        assertThat(sample.machineTicks()).isGreaterThan(sample.machineIdleTicks());
    }

    private static int countedCpus() throws Exception {
        return (int) Files.readAllLines(Path.of("/proc/stat")).stream()
                .filter(line -> line.matches("cpu\\d+ .*"))
                .count();
    }
}
