package io.paperstream.bench;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.util.Set;
import javax.management.AttributeNotFoundException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The state of the Kafka Streams clients of another JVM on this machine, read over JMX: the {@code state} metric each
 * client registers under {@code kafka.streams:type=stream-metrics}. The attach API starts the JVM's local management
 * agent (nothing listens on a port). A client is RUNNING only once its stream threads are, and a stream thread only
 * once none of its active tasks is restoring: what {@code /ready} tells of an instance that serves HTTP.
 */
final class StreamsClientState implements AutoCloseable {

    private static final String RUNNING = "RUNNING";
    private static final ObjectName CLIENTS = clients();

    private final long pid;
    private JMXConnector connector;

    StreamsClientState(long pid) {
        this.pid = pid;
    }

    /** Whether this JVM can read another's state: a JDK's {@code jdk.attach} module is there (a JRE may lack it). */
    static boolean available() {
        return ModuleLayer.boot().findModule("jdk.attach").isPresent();
    }

    /**
     * Whether the JVM has a Kafka Streams client and every one of them is RUNNING; false while the JVM cannot be
     * attached to yet (it is starting) or has created no client.
     */
    boolean running() {
        try {
            MBeanServerConnection server = connection();
            Set<ObjectName> clients = server.queryNames(CLIENTS, null);
            boolean any = false;
            for (ObjectName client : clients) {
                Object state = stateOf(server, client);
                if (state != null) {
                    if (!RUNNING.equals(state.toString())) {
                        return false;
                    }
                    any = true;
                }
            }
            return any;
        } catch (AttachNotSupportedException | IOException | JMException e) {
            // not attachable yet, or the connection broke: attach again at the next ask
            close();
            return false;
        }
    }

    /** The client's state; null for an MBean of the group that has none, or that went meanwhile. */
    private static Object stateOf(MBeanServerConnection server, ObjectName client) throws JMException, IOException {
        try {
            return server.getAttribute(client, "state");
        } catch (AttributeNotFoundException | InstanceNotFoundException e) {
            return null;
        }
    }

    private MBeanServerConnection connection() throws AttachNotSupportedException, IOException {
        if (connector == null) {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                connector = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
            } finally {
                vm.detach();
            }
        }
        return connector.getMBeanServerConnection();
    }

    @Override
    public void close() {
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException e) {
                // the JVM is gone or going: nothing left to release
            }
            connector = null;
        }
    }

    private static ObjectName clients() {
        try {
            return new ObjectName("kafka.streams:type=stream-metrics,*");
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
