package io.paperstream.producer.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Lenient field access and time parsing shared by the JSON readers. */
final class JsonFields {

    private JsonFields() {}

    /** The field as text when it is a string or number, else null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && (value.isTextual() || value.isNumber()) ? value.asText() : null;
    }

    /** The array element as text when it is a string or number, else null. */
    static String text(JsonNode array, int index) {
        JsonNode value = array.get(index);
        return value != null && (value.isTextual() || value.isNumber()) ? value.asText() : null;
    }

    /** The first of the values that is not null and not blank, or null. */
    static String firstPresent(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** The field's string elements, or the string split on whitespace, or an empty list. */
    static List<String> words(JsonNode node, String field) {
        JsonNode value = node.get(field);
        List<String> words = new ArrayList<>();
        if (value != null && value.isTextual()) {
            for (String word : value.asText().strip().split("\\s+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        } else if (value != null && value.isArray()) {
            value.forEach(element -> {
                if (element.isTextual() && !element.asText().isBlank()) {
                    words.add(element.asText().strip());
                }
            });
        }
        return words;
    }

    /** An RFC 1123 time such as arXiv's {@code Mon, 2 Apr 2007 19:18:42 GMT}, or null. */
    static Instant rfc1123(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * An ISO-8601 instant ({@code 2024-10-22T02:48:50.000Z}), offset date-time or date (start of
     * day UTC), or null.
     */
    static Instant iso(String text) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
