package com.example.stock.shared;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

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
        int length = text.length();
        if (length < SHORTEST || length > LONGEST || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z' || length > SHORTEST && (length == SHORTEST + 1
                || text.charAt(SHORTEST - 1) != '.')) {
            return DateTimeUtils.parseInstant(text);
        }
        int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
        int hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
        int fractionDigits = Math.max(0, length - SHORTEST - 1);
        int fraction = fractionDigits == 0 ? 0 : digits(text, SHORTEST, fractionDigits);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59 || fraction < 0) {
            return DateTimeUtils.parseInstant(text);
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException noSuchDay) {
            return DateTimeUtils.parseInstant(text);
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second,
                                     (long) fraction * NANOS_PER_DIGIT[fractionDigits]);
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
