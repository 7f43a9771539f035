package io.paperstream.notify;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.DigestEntry;
import io.paperstream.avro.TrendingPaper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A daily digest as one subscriber's mail: its subject, a plain-text part and an HTML part with links to
 * the papers and their code, and its {@code Message-ID}, the same for every copy of the mail.
 *
 * @param subscriber who the mail is for
 * @param day the digest's day
 * @param subject the subject line
 * @param text the plain-text part
 * @param html the HTML part
 */
public record DigestMail(Subscriber subscriber, String day, String subject, String text, String html) {

    /** What a section says when it has no entry. */
    static final String NOTHING_ROSE = "Nothing rose clearly above its usual level in this window.";

    /** What the trending papers section says when it has no paper. */
    static final String NOTHING_TRENDED =
            "No paper gained upvotes or stars within the trending horizon before the window's end.";

    static final String TRENDING_PAPERS = "Trending papers";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * The mail of {@code digest} for {@code subscriber}; empty when the subscriber follows some topics and none of
     * them rose nor had a trending paper that day (nothing for them to read).
     */
    public static Optional<DigestMail> compose(DailyDigest digest, Subscriber subscriber) {
        List<DigestSection> sections = DigestSection.of(digest, subscriber);
        List<TrendingPaper> trending = DigestSection.trendingPapers(digest, subscriber);
        boolean nothingFollowedRose = sections.stream()
                .filter(DigestSection::byTopic)
                .allMatch(section -> section.entries().isEmpty());
        if (!subscriber.followsEverything() && nothingFollowedRose && trending.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DigestMail(
                subscriber,
                digest.getDay(),
                subject(digest, sections),
                DigestText.render(digest, sections, trending, subscriber),
                DigestHtml.render(digest, sections, trending, subscriber)));
    }

    /**
     * The {@code Message-ID} of the digest of {@code day} for {@code subscriber}: the day and a hash of the
     * address, so that a mail sent again after a crash carries the same id and mail clients show it once.
     */
    public static String messageId(String day, Subscriber subscriber) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(subscriber.key().getBytes(StandardCharsets.UTF_8));
            return "<digest-" + day + "." + HexFormat.of().formatHex(hash, 0, 12) + "@paperstream>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** This mail's {@code Message-ID}. */
    public String messageId() {
        return messageId(day, subscriber);
    }

    private static String subject(DailyDigest digest, List<DigestSection> sections) {
        StringBuilder subject = new StringBuilder("Trending papers, ").append(digest.getDay());
        String separator = ": ";
        for (DigestSection section : sections) {
            if (!section.entries().isEmpty()) {
                subject.append(separator)
                        .append(DigestSection.label(section.entries().get(0)));
                separator = ", ";
            }
        }
        return subject.toString();
    }

    /** A trending paper's figures: its primary topic, what it gained, its score. */
    static String gains(TrendingPaper paper) {
        return paper.getPrimaryTopic() + ", +" + paper.getUpvotesGain() + " upvotes, +" + paper.getStarsGain()
                + " stars, score " + number(paper.getScore());
    }

    /** The sentence under the heading: how many papers the window had, and when. */
    static String window(DailyDigest digest) {
        return digest.getPapersInWindow() + (digest.getPapersInWindow() == 1 ? " paper" : " papers")
                + " published from " + time(digest.getWindowStart()) + " to " + time(digest.getWindowEnd()) + " UTC.";
    }

    /** Why the subscriber receives this mail, for its last line. */
    static String reason(Subscriber subscriber) {
        return "You receive this digest because " + subscriber.address() + " subscribes to paperstream"
                + (subscriber.followsEverything()
                        ? "."
                        : " for the topics " + String.join(", ", new TreeSet<>(subscriber.topics())) + ".");
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** The entry's name with its key when it differs (topic ids). */
    static String name(DigestEntry entry, boolean showKey) {
        String label = DigestSection.label(entry);
        return showKey && !entry.getKey().equals(label) ? label + " (" + entry.getKey() + ")" : label;
    }
}
