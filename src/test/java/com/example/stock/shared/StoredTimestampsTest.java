package com.example.stock.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The time stored with an event, read field by field, is the instant Axon's general parser reads. */
class StoredTimestampsTest {

    @Test
    void the_times_the_store_writes_read_as_axons_parser_reads_them() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant written = Instant.ofEpochSecond(random.nextLong(253_402_300_799L), random.nextInt(1_000_000_000));
            String stored = DateTimeUtils.formatInstant(written);
            assertThat(StoredTimestamps.parse(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-12-02T08:43:12Z", "2026-12-02T08:43:12.1Z", "2026-12-02T08:43:12.123456Z",
            "2026-12-02T08:43:12.123456789Z", "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00.000Z",
            "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
            // other forms of ISO-8601 that Axon's parser reads
            "2026-12-02T09:43:12.123+01:00", "2026-12-02t08:43:12.123z", "2026-12-02T08:43Z", "+10000-01-01T00:00:00Z",
            "2026-12-02T08:43:12.Z"})
    void every_form_axons_parser_reads_is_read_as_it_reads_it(String stored) {
        assertThat(StoredTimestamps.parse(stored)).isEqualTo(DateTimeUtils.parseInstant(stored));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T08:43:12.123Z", "2026-12-02T24:00:00.000Z", "2026-12-02T08:60:12.123Z",
            "2026-1a-02T08:43:12.123Z", "2026-12-02T08:43:12.12xZ", "not a time", ""})
    void what_axons_parser_refuses_is_refused(String stored) {
        assertThatThrownBy(() -> DateTimeUtils.parseInstant(stored)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> StoredTimestamps.parse(stored)).isInstanceOf(DateTimeParseException.class);
    }
}
