package io.paperstream.producer.source;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date line of a trending page, such as {@code Mar 14}, {@code March 14},
 * {@code Mar 14, 2025} or {@code 2025-03-14}. A date without a year takes the year given.
 */
final class PageDate {

    private static final Pattern MONTH_DAY = Pattern.compile("([A-Za-z]{3,9})\\.? (\\d{1,2})(?:, ?(\\d{4}))?");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private PageDate() {}

    /** The date on this line, if the whole (trimmed) line is a date. */
    static Optional<LocalDate> parse(String line, int defaultYear) {
        String text = line.strip();
        try {
            if (ISO_DATE.matcher(text).matches()) {
                return Optional.of(LocalDate.parse(text));
            }
            Matcher m = MONTH_DAY.matcher(text);
            if (!m.matches()) {
                return Optional.empty();
            }
            Optional<Month> month = month(m.group(1));
            int year = m.group(3) == null ? defaultYear : Integer.parseInt(m.group(3));
            return month.map(mo -> LocalDate.of(year, mo, Integer.parseInt(m.group(2))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Month> month(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Month month : Month.values()) {
            String full = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (lower.length() >= 3 && full.startsWith(lower)) {
                return Optional.of(month);
            }
        }
        return Optional.empty();
    }
}
