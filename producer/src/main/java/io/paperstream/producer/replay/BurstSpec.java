package io.paperstream.producer.replay;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One burst injected into a replay: for {@code days} simulated days from {@code startDay} (day 0
 * is the replay's first day), papers of a topic or papers with a keyphrase come {@code multiplier}
 * times as often as their base rate.
 *
 * <p>Written {@code topic:<id>@<day>+<days>x<multiplier>} or
 * {@code keyphrase:<phrase>@<day>+<days>x<multiplier>}, for example {@code topic:vision@10+2x4}
 * (vision papers four times as often on days 10 and 11) or
 * {@code keyphrase:mixture of experts@12+1x3}.
 *
 * @param kind what the key is
 * @param key the taxonomy id of the topic, or the keyphrase (lower case, single spaces)
 * @param startDay the first day of the burst, 0-based
 * @param days how many days it lasts, at least 1
 * @param multiplier how many times the base rate the key has during the burst, more than 1
 */
public record BurstSpec(Kind kind, String key, int startDay, int days, double multiplier) {

    /** What a burst multiplies. */
    public enum Kind {
        /** Papers whose primary topic is the key. */
        TOPIC("topic"),
        /** Papers whose keyphrases include the key. */
        KEYPHRASE("keyphrase");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The kind as written in a spec: {@code topic} or {@code keyphrase}. */
        public String id() {
            return id;
        }
    }

    /** The syntax, as help texts show it. */
    public static final String SYNTAX =
            "topic:<id>@<day>+<days>x<multiplier> or keyphrase:<phrase>@<day>+<days>x<multiplier>";

    private static final Pattern SPEC =
            Pattern.compile("(topic|keyphrase):(.+)@(\\d{1,6})\\+(\\d{1,6})x(\\d+(?:\\.\\d+)?)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    public BurstSpec {
        if (kind == null || key == null || key.isBlank()) {
            throw new IllegalArgumentException("a burst needs a kind and a key");
        }
        key = kind == Kind.KEYPHRASE ? normalizeKeyphrase(key) : key.strip();
        if (startDay < 0) {
            throw new IllegalArgumentException("burst " + key + ": start day must be 0 or later, got " + startDay);
        }
        if (days < 1) {
            throw new IllegalArgumentException("burst " + key + ": must last at least 1 day, got " + days);
        }
        if (!(multiplier > 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException(
                    "burst " + key + ": multiplier must be a number above 1, got " + multiplier);
        }
    }

    /**
     * Reads a spec such as {@code topic:vision@10+2x4}.
     *
     * @throws IllegalArgumentException naming the spec and the expected syntax
     */
    public static BurstSpec parse(String spec) {
        Matcher m = SPEC.matcher(spec.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + spec + "' is not a burst: use " + SYNTAX + " (e.g. topic:vision@10+2x4)");
        }
        Kind kind = m.group(1).equals(Kind.TOPIC.id()) ? Kind.TOPIC : Kind.KEYPHRASE;
        return new BurstSpec(
                kind,
                m.group(2),
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)),
                Double.parseDouble(m.group(5)));
    }

    /** The day after the last day of the burst. */
    public int endDay() {
        return startDay + days;
    }

    /** Whether the burst is on during {@code day}. */
    public boolean covers(int day) {
        return day >= startDay && day < endDay();
    }

    /** Whether this burst and {@code other} multiply the same key on a common day. */
    boolean overlaps(BurstSpec other) {
        return kind == other.kind && key.equals(other.key) && startDay < other.endDay() && other.startDay < endDay();
    }

    /** The keyphrase as keyphrase extraction writes it: lower case, single spaces, trimmed. */
    static String normalizeKeyphrase(String phrase) {
        return WHITESPACE.matcher(phrase.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
    }

    /** The spec in the syntax {@link #parse} reads. */
    @Override
    public String toString() {
        String times =
                multiplier == Math.rint(multiplier) ? Long.toString((long) multiplier) : Double.toString(multiplier);
        return kind.id() + ":" + key + "@" + startDay + "+" + days + "x" + times;
    }
}
