package io.paperstream.streams;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Sends records that cannot be deserialized to the dead-letter topic and carries on: Kafka's
 * {@link LogAndContinueExceptionHandler} (which builds the dead letter when
 * {@code errors.dead.letter.queue.topic.name} is set) plus the {@link DeadLetters#STAGE_HEADER}, and
 * the time it failed as its timestamp and a size that fits a produce request ({@link
 * DeadLetters.Stamping#stamp}).
 */
public class DeadLetterDeserializationHandler extends LogAndContinueExceptionHandler {

    private DeadLetters.Stamping stamping = DeadLetters.Stamping.of(Map.of());

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        stamping = DeadLetters.Stamping.of(configs);
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        Response response = super.handleError(context, record, exception);
        List<ProducerRecord<byte[], byte[]>> deadLetters =
                stamping.stamp(response.deadLetterQueueRecords(), DeadLetters.DESERIALIZE_STAGE);
        return response.result() == Result.RESUME ? Response.resume(deadLetters) : Response.fail(deadLetters);
    }
}
