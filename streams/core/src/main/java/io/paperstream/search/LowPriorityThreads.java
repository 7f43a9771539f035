package io.paperstream.search;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Threads of work that may wait for the processing: the search index's merges and builds. On Linux each runs at a nice
 * value of {@value #NICE} (Linux keeps one per thread), so that it takes the cores the stream threads and the broker
 * leave: a large merge otherwise takes a core from the stream thread for seconds, and the papers wait. Not for a thread
 * that a stream thread waits for: it would then wait behind every thread of nice 0. Elsewhere, or where the C library
 * cannot be called, these threads run at the priority of any thread, and {@link #unavailable} says why.
 */
public final class LowPriorityThreads {

    /** The nice value of these threads: a tenth of a core's share against a thread of nice 0 that wants it. */
    public static final int NICE = 10;

    private static final int PRIO_PROCESS = 0;
    /** The calling thread, for {@code setpriority(PRIO_PROCESS, ...)} on Linux. */
    private static final int CALLING_THREAD = 0;

    private static final AtomicReference<String> UNAVAILABLE = new AtomicReference<>(load());

    private LowPriorityThreads() {}

    /** The C library's {@code setpriority}, bound once. */
    private static final class Libc {
        static native int setpriority(int which, int who, int prio) throws LastErrorException;
    }

    private static String load() {
        if (!Platform.isLinux()) {
            // elsewhere setpriority(PRIO_PROCESS, 0, ...) would lower the whole process, the stream threads with it
            return "the CPU priority of a single thread is lowered on Linux only, not on "
                    + System.getProperty("os.name");
        }
        try {
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
            return null;
        } catch (LinkageError e) {
            return "the C library cannot be called through JNA (" + e.getMessage() + ")";
        }
    }

    /** Why these threads run at the priority of any thread here, or empty when they run lower. */
    public static Optional<String> unavailable() {
        return Optional.ofNullable(UNAVAILABLE.get());
    }

    /** Lowers the calling thread's CPU priority to {@link #NICE}, where that can be done (see {@link #unavailable}). */
    public static void lowerCurrentThread() {
        if (UNAVAILABLE.get() != null) {
            return;
        }
        try {
            Libc.setpriority(PRIO_PROCESS, CALLING_THREAD, NICE);
        } catch (LastErrorException e) {
            // a raised nice value needs no privilege, so only a sandbox forbidding the call gets here
            UNAVAILABLE.compareAndSet(null, "setpriority failed (" + e.getMessage() + ")");
        }
    }

    /** A daemon thread named {@code name} that lowers its own priority, then runs {@code task}. */
    public static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(
                () -> {
                    lowerCurrentThread();
                    task.run();
                },
                name);
        thread.setDaemon(true);
        return thread;
    }
}
