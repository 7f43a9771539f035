package io.paperstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.producer.source.Engagement;
import io.paperstream.producer.source.Origin;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.producer.source.SourceFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaPaperSinkTest {

    private static PaperAbstract event(String id) {
        PaperRecord paper = new PaperRecord(
                id,
                "Title " + id,
                "Abstract.",
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                SourceFormat.TRENDING_PAGE,
                Origin.stdin().at(1),
                null,
                null);
        return PaperEvents.toEvent(paper, Instant.parse("2025-03-14T00:00:00Z"), Instant.parse("2025-03-15T00:00:00Z"));
    }

    private static MockProducer<String, SpecificRecord> producer(Serializer<SpecificRecord> values) {
        return new MockProducer<>(false, null, new StringSerializer(), values);
    }

    @Test
    void sendsKeyedByPaperIdAndCountsConfirmedDeliveries() throws SinkException {
        MockProducer<String, SpecificRecord> producer = producer((topic, value) -> new byte[0]);
        KafkaPaperSink sink = new KafkaPaperSink(producer, "papers.raw", "papers.engagement", "127.0.0.1:9092");

        sink.send(event("2410.17215"));
        sink.send(event("h:0123456789abcdef"));
        assertThat(sink.sent()).isZero();
        producer.completeNext();
        producer.completeNext();

        assertThat(sink.sent()).isEqualTo(2);
        assertThat(sink.failure()).isEmpty();
        assertThat(producer.history()).extracting(r -> r.key()).containsExactly("2410.17215", "h:0123456789abcdef");
        assertThat(producer.history()).allSatisfy(r -> assertThat(r.topic()).isEqualTo("papers.raw"));
    }

    @Test
    void engagementGoesToItsOwnTopicKeyedByPaperIdAndCountsAsSent() throws SinkException {
        MockProducer<String, SpecificRecord> producer = producer((topic, value) -> new byte[0]);
        KafkaPaperSink sink = new KafkaPaperSink(producer, "papers.raw", "papers.engagement", "127.0.0.1:9092");

        sink.send(event("2410.17215"));
        sink.send(PaperEvents.toEngagement(
                "2410.17215",
                "hf-daily",
                new Engagement(12L, null, 2L),
                "https://huggingface.co/api/daily_papers",
                Instant.parse("2025-03-15T00:00:00Z")));
        producer.completeNext();
        producer.completeNext();

        assertThat(sink.sent()).isEqualTo(2);
        assertThat(producer.history())
                .extracting(r -> r.topic() + " " + r.key())
                .containsExactly("papers.raw 2410.17215", "papers.engagement 2410.17215");
    }

    @Test
    void aFailedDeliveryIsCountedAndDescribedInOneSentence() throws SinkException {
        MockProducer<String, SpecificRecord> producer = producer((topic, value) -> new byte[0]);
        KafkaPaperSink sink = new KafkaPaperSink(producer, "papers.raw", "papers.engagement", "127.0.0.1:9092");

        sink.send(event("a"));
        producer.errorNext(new TimeoutException("Expiring 1 record(s) for papers.raw-0"));

        assertThat(sink.failed()).isEqualTo(1);
        assertThat(sink.failure())
                .contains("Kafka broker at 127.0.0.1:9092 did not take the records in time "
                        + "(is it still running?): Expiring 1 record(s) for papers.raw-0");
    }

    @Test
    void aSerializationFailureStopsTheRunWithTheRegistrysReason() {
        MockProducer<String, SpecificRecord> producer = producer((topic, value) -> {
            throw new SerializationException(
                    "Error registering Avro schema",
                    new IllegalStateException("Schema being registered is incompatible (409)"));
        });
        KafkaPaperSink sink = new KafkaPaperSink(producer, "papers.raw", "papers.engagement", "127.0.0.1:9092");

        assertThatThrownBy(() -> sink.send(event("a")))
                .isInstanceOf(SinkException.class)
                .hasMessage("Could not serialize a paper for topic 'papers.raw' (schema registry): "
                        + "Schema being registered is incompatible (409)");
        assertThat(sink.failure()).isPresent();
    }

    @Test
    void whateverIsUnconfirmedAtCloseCountsAsFailed() throws SinkException {
        MockProducer<String, SpecificRecord> producer = producer((topic, value) -> new byte[0]);
        KafkaPaperSink sink = new KafkaPaperSink(producer, "papers.raw", "papers.engagement", "127.0.0.1:9092");
        sink.send(event("a"));
        sink.send(event("b"));
        sink.send(event("c"));
        producer.completeNext();

        sink.close(Duration.ofSeconds(1));

        assertThat(producer.closed()).isTrue();
        assertThat(sink.sent()).isEqualTo(1);
        assertThat(sink.failed()).isEqualTo(2);
    }
}
