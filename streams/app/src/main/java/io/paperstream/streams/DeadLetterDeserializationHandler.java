package io.paperstream.streams;

import io.paperstream.registry.SchemaRegistryServerException;
import io.paperstream.registry.SchemaRegistryUnavailableException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that cannot be deserialized to the dead-letter topic and carries on: Kafka's
 * {@link LogAndContinueExceptionHandler} (which builds the dead letter when
 * {@code errors.dead.letter.queue.topic.name} is set) plus the {@link DeadLetters#STAGE_HEADER}, and
 * the time it failed as its timestamp and a size that fits a produce request ({@link
 * DeadLetters.Stamping#stamp}). A record whose writer schema the registry did not give (it did not answer, or
 * failed internally, while the deserializer waited) is not bad: it fails the stream thread instead, which is replaced
 * and reads it again.
 */
public class DeadLetterDeserializationHandler extends LogAndContinueExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetters.Stamping stamping = DeadLetters.Stamping.of(Map.of());

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        stamping = DeadLetters.Stamping.of(configs);
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (registryDown(exception)) {
            LOG.error(
                    "{} partition {} offset {}: the schema registry did not give the record's writer schema ({}); the"
                            + " record is not bad, so it is no dead letter: the stream thread fails, is replaced, and"
                            + " reads it again",
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    exception.getMessage());
            return Response.fail();
        }
        Response response = super.handleError(context, record, exception);
        List<ProducerRecord<byte[], byte[]>> deadLetters =
                stamping.stamp(response.deadLetterQueueRecords(), DeadLetters.DESERIALIZE_STAGE);
        return response.result() == Result.RESUME ? Response.resume(deadLetters) : Response.fail(deadLetters);
    }

    /** Whether {@code exception} comes of a registry that does not answer or fails internally, not of the record. */
    static boolean registryDown(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryUnavailableException || cause instanceof SchemaRegistryServerException) {
                return true;
            }
        }
        return false;
    }
}
