package io.paperstream.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The nice value of threads of this process, as Linux reports them in {@code /proc}. */
public final class ThreadNice {

    /** Linux keeps the first 15 characters of a thread's name. */
    private static final int NAME_LENGTH = 15;

    private ThreadNice() {}

    /** The calling thread's nice value. */
    public static int ofCurrentThread() {
        try {
            return of(Path.of("/proc/thread-self"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The nice value of each live thread whose name starts with {@code prefix} (of at most 15 characters). */
    public static List<Integer> ofThreadsNamed(String prefix) {
        if (prefix.length() > NAME_LENGTH) {
            throw new IllegalArgumentException("Linux keeps 15 characters of a thread's name: " + prefix);
        }
        List<Integer> nices = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).startsWith(prefix)) {
                        nices.add(of(task));
                    }
                } catch (NoSuchFileException ended) {
                    // the thread ended since the listing
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return nices;
    }

    /** Field 19 of the task's {@code stat}, counted from 1; the name, field 2, is in parentheses and may hold spaces. */
    private static int of(Path task) throws IOException {
        String stat = Files.readString(task.resolve("stat"));
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(afterName[19 - 3]);
    }
}
