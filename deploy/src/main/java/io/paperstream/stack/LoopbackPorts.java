package io.paperstream.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Ports on 127.0.0.1, the only address the local stack binds: free-port checks and look-ups. */
public final class LoopbackPorts {

    /** The address every process of the local stack binds. */
    public static final String HOST = "127.0.0.1";

    private LoopbackPorts() {}

    /** True when nothing listens on {@code port} of 127.0.0.1 (nor on the wildcard address). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // SO_REUSEADDR as the servers set it: connections in TIME_WAIT from a previous run do not count,
            // while on Linux any listener on the port (127.0.0.1, 0.0.0.0 or ::) still makes the bind fail
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Fails with one clear sentence when {@code port} is taken.
     *
     * @param option the command-line option that changes this port, named in the message
     */
    public static void requireFree(int port, String option) {
        if (!isFree(port)) {
            throw new StackException(
                    "port " + port + " on " + HOST + " is already in use; stop what uses it or pass " + option);
        }
    }

    /**
     * {@code count} distinct ports the operating system reports free right now (another process may take them
     * later): all are held open together, so none is handed out twice.
     */
    public static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getByName(HOST)));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new StackException("no free port on " + HOST + ": " + e.getMessage(), e);
        } finally {
            sockets.forEach(LoopbackPorts::closeQuietly);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // the port was only probed; nothing to release beyond the socket itself
        }
    }

    /** True when something accepts TCP connections on {@code port} of 127.0.0.1 within {@code timeoutMillis}. */
    public static boolean accepts(int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
