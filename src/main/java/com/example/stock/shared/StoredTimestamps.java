package com.example.stock.shared;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.axonframework.common.DateTimeUtils;

/**
 * Reads the time stored with an event. The store writes it as UTC with a fraction of a second
 * ({@code 2026-12-02T08:43:12.123Z}), which is read here field by field; any other ISO-8601 form (another offset, no
 * fraction digits, a year past 9999) goes to Axon's general parser, which gives the same instant for these.
 */
final class StoredTimestamps {

    private static final int SHORTEST = "2026-12-02T08:43:12Z".length();
    private static final int LONGEST = "2026-12-02T08:43:12.123456789Z".length();
    private static final int[] NANOS_PER_DIGIT = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
            10, 1};

    private StoredTimestamps() {
    }

    static Instant parse(String text) {
        if (!inStoredForm(text)) {
            return DateTimeUtils.parseInstant(text);
        }
        int fractionDigits = Math.max(0, text.length() - SHORTEST - 1);
        int year = digits(text, 0, 4);
        int fraction = fractionDigits == 0 ? 0 : digits(text, SHORTEST, fractionDigits);
        if (year < 0 || fraction < 0) {
            return DateTimeUtils.parseInstant(text);
        }
        LocalDateTime time;
        try { // java.time checks each field's range, and the day against its month
            time = LocalDateTime.of(year, digits(text, 5, 2), digits(text, 8, 2), digits(text, 11, 2),
                                    digits(text, 14, 2), digits(text, 17, 2));
        } catch (DateTimeException notATime) {
            return DateTimeUtils.parseInstant(text);
        }
        return Instant.ofEpochSecond(time.toEpochSecond(ZoneOffset.UTC),
                                     (long) fraction * NANOS_PER_DIGIT[fractionDigits]);
    }

    /** Whether the text has the store's shape: its separators where they belong, UTC, any fraction after a point. */
    private static boolean inStoredForm(String text) {
        int length = text.length();
        return length >= SHORTEST && length <= LONGEST && length != SHORTEST + 1
                && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(length - 1) == 'Z'
                && (length == SHORTEST || text.charAt(SHORTEST - 1) == '.');
    }

    /** The number written in {@code count} decimal digits from {@code start}, or -1 where one is not a digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char digit = text.charAt(i);
            if (digit < '0' || digit > '9') {
                return -1;
            }
            value = value * 10 + (digit - '0');
        }
        return value;
    }
}
