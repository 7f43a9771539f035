package io.paperstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void aListeningPortIsTakenAndNamedInOneSentence() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThat(LoopbackPorts.isFree(port)).isFalse();
            assertThatThrownBy(() -> LoopbackPorts.requireFree(port, "--kafka-port"))
                    .isInstanceOf(StackException.class)
                    .hasMessage("port " + port + " on 127.0.0.1 is already in use; stop what uses it or pass "
                            + "--kafka-port");
        }
    }

    @Test
    void freePortsAreDistinctAndFree() {
        int[] ports = LoopbackPorts.freePorts(6);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(6);
        assertThat(Arrays.stream(ports).allMatch(LoopbackPorts::isFree)).isTrue();
    }
}
