package io.paperstream.stack;

/**
 * Where one KRaft node of a {@link KafkaCluster} listens on 127.0.0.1: its client (PLAINTEXT) port and its
 * controller port.
 *
 * @param nodeId the Kafka {@code node.id}, 1 or more
 * @param brokerPort the port clients use ({@code bootstrap.servers})
 * @param controllerPort the port of the KRaft controller listener
 */
public record KafkaNodeAddress(int nodeId, int brokerPort, int controllerPort) {

    public KafkaNodeAddress {
        if (nodeId < 1) {
            throw new IllegalArgumentException("node id must be 1 or more, got " + nodeId);
        }
        if (brokerPort == controllerPort) {
            throw new IllegalArgumentException(
                    "node " + nodeId + " needs two different ports, got " + brokerPort + " twice");
        }
    }

    /** A node on ports the operating system reports free now. */
    public static KafkaNodeAddress onFreePorts(int nodeId) {
        int[] ports = LoopbackPorts.freePorts(2);
        return new KafkaNodeAddress(nodeId, ports[0], ports[1]);
    }

    /** {@code 127.0.0.1:brokerPort}. */
    public String bootstrapServer() {
        return LoopbackPorts.HOST + ":" + brokerPort;
    }

    /** {@code 127.0.0.1:controllerPort}. */
    public String controllerEndpoint() {
        return LoopbackPorts.HOST + ":" + controllerPort;
    }
}
