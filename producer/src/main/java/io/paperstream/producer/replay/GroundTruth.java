package io.paperstream.producer.replay;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a replay contains, for trend tests and benchmarks: its settings, the base rate of every
 * topic, how many papers it sends, its closing event, and every injected burst with its windows
 * and the papers it added.
 *
 * @param settings the replay's settings
 * @param poolPapers papers in the pool
 * @param topicRates expected papers per day of each primary topic without bursts, by topic id
 * @param baseEvents papers of the base traffic
 * @param injectedEvents papers the bursts added
 * @param closingEventId the id of the closing event, sent last
 * @param bursts the bursts, in the order asked
 */
public record GroundTruth(
        ReplaySettings settings,
        int poolPapers,
        Map<String, Double> topicRates,
        long baseEvents,
        long injectedEvents,
        String closingEventId,
        List<InjectedBurst> bursts) {

    private static final JsonFactory JSON = new JsonFactory();

    public GroundTruth {
        topicRates = Map.copyOf(topicRates);
        bursts = List.copyOf(bursts);
    }

    /** Every event the replay sends: base, injected and the closing event. */
    public long totalEvents() {
        return baseEvents + injectedEvents + 1;
    }

    /** The publication time of the closing event. */
    public Instant closingEventAt() {
        return settings.closingTime();
    }

    /** Writes the ground truth as one pretty-printed UTF-8 JSON document and a newline; leaves {@code out} open. */
    public void writeJson(OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("seed", settings.seed());
            json.writeStringField("start", settings.start().toString());
            json.writeNumberField("days", settings.days());
            json.writeNumberField("papersPerDay", settings.papersPerDay());
            json.writeStringField("windowGrace", settings.windowGrace().toString());
            json.writeNumberField("poolPapers", poolPapers);
            json.writeObjectFieldStart("events");
            json.writeNumberField("base", baseEvents);
            json.writeNumberField("injected", injectedEvents);
            json.writeNumberField("closing", 1);
            json.writeNumberField("total", totalEvents());
            json.writeEndObject();
            json.writeObjectFieldStart("closingEvent");
            json.writeStringField("id", closingEventId);
            json.writeStringField("publishedAt", closingEventAt().toString());
            json.writeEndObject();
            json.writeObjectFieldStart("topicRates");
            for (Map.Entry<String, Double> rate : topicRates.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .toList()) {
                json.writeNumberField(rate.getKey(), rounded(rate.getValue()));
            }
            json.writeEndObject();
            json.writeArrayFieldStart("bursts");
            for (InjectedBurst burst : bursts) {
                writeBurst(json, burst);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    private void writeBurst(JsonGenerator json, InjectedBurst burst) throws IOException {
        BurstSpec spec = burst.spec();
        json.writeStartObject();
        json.writeStringField("spec", spec.toString());
        json.writeStringField("kind", spec.kind().id());
        json.writeStringField("key", spec.key());
        json.writeNumberField("startDay", spec.startDay());
        json.writeNumberField("days", spec.days());
        json.writeNumberField("multiplier", spec.multiplier());
        json.writeStringField("windowStart", burst.windowStart().toString());
        json.writeStringField("windowEnd", burst.windowEnd().toString());
        json.writeNumberField("poolPapers", burst.poolPapers());
        json.writeNumberField("baseRatePerDay", rounded(burst.baseRatePerDay()));
        json.writeNumberField("injectedRatePerDay", rounded(burst.injectedRatePerDay()));
        json.writeNumberField("injected", burst.injected());
        json.writeArrayFieldStart("perDay");
        for (int i = 0; i < spec.days(); i++) {
            int day = spec.startDay() + i;
            json.writeStartObject();
            json.writeNumberField("day", day);
            json.writeStringField("windowStart", settings.dayStart(day).toString());
            json.writeNumberField("injected", burst.injectedPerDay().get(i));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static double rounded(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
