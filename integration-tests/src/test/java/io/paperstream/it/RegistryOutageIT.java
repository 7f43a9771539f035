package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.stack.LoopbackPorts;
import io.paperstream.streams.StreamsSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry down when the application starts, on a real broker and registry: the application's registry
 * URL points at a loopback port where nothing listens until a forwarder to the real registry opens there 15 s later.
 * Meanwhile the papers come, and the application cannot fetch their writer schema. Before, every paper read then went
 * to the dead-letter topic as if it were bad; now a stream thread that cannot get the schema waits for it, fails, and
 * is replaced, and reads the papers again once the registry answers: no dead letter, and every paper counted exactly.
 */
@RealKafkaStack
class RegistryOutageIT {

    private static final int PAPERS = 300;
    private static final Duration OUTAGE = Duration.ofSeconds(15);
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(180);
    private static final Logger LOG = LoggerFactory.getLogger(RegistryOutageIT.class);

    private final StackEndpoints stack;

    RegistryOutageIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @Test
    void papersReadWhileTheRegistryIsDownAreCountedOnceItIsBackAndNoneIsADeadLetter() throws Exception {
        PipelineTopics topics = PipelineTopics.unique("it-registry-outage");
        PaperReplay replay = PaperReplay.generate(topics.prefix(), PAPERS, 20261207L);
        int port = LoopbackPorts.freePorts(1)[0];
        try (ReplayRun run = new ReplayRun(stack, topics, replay, StreamsSettings.WINDOW_GRACE.defaultValue())) {
            try (StreamsAppRun app = StreamsAppRun.start(
                    stack, topics, Map.of(StreamsSettings.SCHEMA_REGISTRY_URL.name(), "http://127.0.0.1:" + port))) {
                // Step 1: once the application runs, the papers come (sent through the real registry). Sent before it
                // started, a stream thread could read one and fail before all its tasks were up, and the application
                // would not reach RUNNING until the registry answered
                run.send(replay.events());
                // Step 2: the registry the application knows answers only after the outage
                Thread.sleep(OUTAGE.toMillis());
                LOG.info("after {} of outage the application's stream threads are {}", OUTAGE, app.streamThreads());
                try (RegistryForwarder forwarder = RegistryForwarder.start(port, stack.registryUrl())) {
                    // Step 3: every paper is processed, none is a dead letter, and the counts are exact
                    run.closeWindows(List.of(), PROCESSING_TIMEOUT);
                    run.assertCountsExact();
                    assertThat(forwarder.forwarded())
                            .as("requests forwarded to the registry")
                            .isPositive();
                    assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
                }
            }
        }
    }
}
