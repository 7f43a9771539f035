package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.engagement.EngagementHistory;
import io.paperstream.engagement.VelocityParameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each paper's engagement history in the task that holds the paper, and sends a {@link TrendingCandidate}
 * on when a paper with engagement changes: a new observation (with the card of the paper's current version, once
 * the paper has come) or a new version of a paper that has engagement. A paper nobody engages with sends nothing.
 * Observations are kept for two horizons ({@link TrendingRanking#keptFrom}), quiet histories forgotten as stream time
 * passes.
 */
final class EngagementProcessor implements Processor<String, TrendingInput, String, TrendingCandidate> {

    private final VelocityParameters parameters;
    private ProcessorContext<String, TrendingCandidate> context;
    private KeyValueStore<String, EngagementHistory> histories;
    private KeyValueStore<String, ClassifiedPaper> papers;

    EngagementProcessor(VelocityParameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public void init(ProcessorContext<String, TrendingCandidate> context) {
        this.context = context;
        this.histories = context.getStateStore(StoreNames.TRENDING_HISTORIES);
        this.papers = context.getStateStore(StoreNames.SERVED_PAPERS);
        // a quarter of the horizon: a quiet history outlives it by at most that much
        Duration sweep = parameters.horizon().dividedBy(4);
        context.schedule(sweep, PunctuationType.STREAM_TIME, this::forgetQuiet);
    }

    @Override
    public void process(Record<String, TrendingInput> record) {
        TrendingInput input = record.value();
        String paperId = input.paperId();
        if (input.paper() != null) {
            EngagementHistory history = histories.get(paperId);
            // the card is made only for the few papers with engagement, not on every paper's way
            if (history != null) {
                context.forward(record.withValue(new TrendingCandidate(TrendingInput.Card.of(input.paper()), history)));
            }
            return;
        }
        EngagementHistory history = histories.get(paperId);
        history = history == null ? new EngagementHistory() : history;
        TrendingInput.Observation observation = input.observation();
        if (!history.add(observation.observedAt(), observation.upvotes(), observation.stars())) {
            return;
        }
        long now = Math.max(context.currentStreamTimeMs(), record.timestamp());
        history.forgetBefore(now - parameters.horizon().toMillis(), parameters);
        histories.put(paperId, history);
        ClassifiedPaper paper = papers.get(paperId);
        if (paper != null) {
            context.forward(record.withValue(new TrendingCandidate(TrendingInput.Card.of(paper), history)));
        }
    }

    private void forgetQuiet(long streamTime) {
        long keptFrom = TrendingRanking.keptFrom(streamTime, parameters);
        List<String> quiet = new ArrayList<>();
        try (KeyValueIterator<String, EngagementHistory> all = histories.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.latest() <= keptFrom) {
                    quiet.add(entry.key);
                }
            });
        }
        quiet.forEach(histories::delete);
    }
}
