package io.paperstream.streams;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends the source record of a failed processor to the dead-letter topic and carries on:
 * Kafka's {@link LogAndContinueProcessingExceptionHandler} plus the {@link DeadLetters#STAGE_HEADER},
 * which is the name of the processor that threw (processors are named after their stage), and the
 * time it failed as its timestamp and a size that fits a produce request ({@link DeadLetters.Stamping#stamp}).
 */
public class DeadLetterProcessingHandler extends LogAndContinueProcessingExceptionHandler {

    private DeadLetters.Stamping stamping = DeadLetters.Stamping.of(Map.of());

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        stamping = DeadLetters.Stamping.of(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        Response response = super.handleError(context, record, exception);
        List<ProducerRecord<byte[], byte[]>> deadLetters =
                stamping.stamp(response.deadLetterQueueRecords(), context.processorNodeId());
        return response.result() == Result.RESUME ? Response.resume(deadLetters) : Response.fail(deadLetters);
    }
}
