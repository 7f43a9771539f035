package io.paperstream.producer.source;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What readers did with a paper, as a source shows it at one moment: cumulative totals, each {@code null} when the
 * source does not say.
 *
 * @param upvotes total upvotes
 * @param githubStars total GitHub stars of the paper's code repository
 * @param comments total comments on the paper's discussion
 */
public record Engagement(Long upvotes, Long githubStars, Long comments) {

    public Engagement {
        requireNotNegative("upvotes", upvotes);
        requireNotNegative("githubStars", githubStars);
        requireNotNegative("comments", comments);
    }

    /**
     * The figures of a Hugging Face daily-papers entry, from its {@code paper} object first and the entry itself
     * second (the API puts {@code upvotes} and {@code githubStars} in the paper, {@code numComments} in the entry, but
     * not always): null when neither has any. A figure that is no whole number of at least 0 counts as absent, so
     * one odd field never costs the paper.
     */
    static Engagement ofDailyPapersEntry(JsonNode entry, JsonNode paper) {
        Long upvotes = firstCount(paper, entry, "upvotes");
        Long stars = firstCount(paper, entry, "githubStars");
        Long comments = firstCount(entry, paper, "numComments");
        return upvotes == null && stars == null && comments == null ? null : new Engagement(upvotes, stars, comments);
    }

    private static Long firstCount(JsonNode first, JsonNode second, String field) {
        Long count = count(first.get(field));
        return count != null ? count : count(second.get(field));
    }

    private static Long count(JsonNode value) {
        return value != null && value.canConvertToLong() && value.isIntegralNumber() && value.asLong() >= 0
                ? value.asLong()
                : null;
    }

    private static void requireNotNegative(String name, Long value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }
}
