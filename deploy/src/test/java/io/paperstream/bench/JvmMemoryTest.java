package io.paperstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The heap in use is read from {@code jcmd PID GC.heap_info} as OpenJDK 17 and 25 print it for each collector (the
 * outputs below were printed by those runtimes here).
 */
class JvmMemoryTest {

    @Test
    void g1OnJava17AndJava25() {
        assertThat(JvmMemory.heapUsedMb("""
                         garbage-first heap   total 397312K, used 14360K [0x0000000687400000, 0x0000000800000000)
                          region size 4096K, 3 young (12288K), 0 survivors (0K)
                         Metaspace       used 74K, committed 320K, reserved 1114112K
                          class space    used 3K, committed 128K, reserved 1048576K
                        """)).hasValue(14360 / 1024.0);
        assertThat(JvmMemory.heapUsedMb("""
                        garbage-first heap   total reserved 6172672K, committed 393216K, used 11835K [0x0000000687400000, \
                        0x0000000800000000)
                         region size 4096K, 3 young (12288K), 0 survivors (0K)
                         Metaspace       used 1176K, committed 1344K, reserved 1114112K
                        """)).hasValue(11835 / 1024.0);
    }

    @Test
    void theYoungAndOldGenerationsOfTheParallelAndSerialCollectorsAddUp() {
        assertThat(JvmMemory.heapUsedMb("""
                         PSYoungGen      total 113152K, used 16182K [0x0000000782700000, 0x000000078a500000, \
                        0x0000000800000000)
                          eden space 97280K, 16% used [0x0000000782700000,0x00000007836cd9b8,0x0000000788600000)
                          from space 15872K, 0% used [0x0000000789580000,0x0000000789580000,0x000000078a500000)
                          to   space 15872K, 0% used [0x0000000788600000,0x0000000788600000,0x0000000789580000)
                         ParOldGen       total 258048K, used 1166K [0x0000000687400000, 0x0000000697000000, \
                        0x0000000782700000)
                          object space 258048K, 0% used [0x0000000687400000,0x0000000687523ab8,0x0000000697000000)
                         Metaspace       used 121K, committed 320K, reserved 1114112K
                          class space    used 3K, committed 128K, reserved 1048576K
                        """)).hasValue((16182 + 1166) / 1024.0);
        assertThat(JvmMemory.heapUsedMb("""
                        DefNew     total 116160K, used 16918K [0x0000000687400000, 0x000000068f200000, 0x0000000704d50000)
                         eden space 103296K,  16% used [0x0000000687400000, 0x0000000688485850, 0x000000068d8e0000)
                         from space 12864K,   0% used [0x000000068d8e0000, 0x000000068d8e0000, 0x000000068e570000)
                         to   space 12864K,   0% used [0x000000068e570000, 0x000000068e570000, 0x000000068f200000)
                        Tenured    total 258048K, used 1166K [0x0000000704d50000, 0x0000000714950000, 0x0000000800000000)
                         the  space 258048K,   0% used [0x0000000704d50000, 0x0000000704e73ab8, 0x0000000704e73c00, \
                        0x0000000714950000)
                        """)).hasValue((16918 + 1166) / 1024.0);
    }

    @Test
    void zgcAndShenandoah() {
        assertThat(JvmMemory.heapUsedMb("""
                         ZHeap           used 14M, capacity 378M, max capacity 6028M
                         Metaspace       used 125K, committed 320K, reserved 1114112K
                        """)).hasValue(14.0);
        assertThat(JvmMemory.heapUsedMb("""
                        Shenandoah Heap
                         6028M max, 6028M soft max, 378M committed, 16005K used
                         3014 x 2048K regions
                        """)).hasValue(16005 / 1024.0);
    }

    @Test
    void aLayoutNotKnownGivesNoFigure() {
        assertThat(JvmMemory.heapUsedMb("""
                        Epsilon Heap
                         Allocation space: 12345K
                         Metaspace       used 125K, committed 320K, reserved 1114112K
                        """)).isEmpty();
    }
}
