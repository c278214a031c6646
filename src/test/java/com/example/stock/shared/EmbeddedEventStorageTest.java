package com.example.stock.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Events read in order of the store carry the time they were stored with, and the tokens Axon's engine gives. */
class EmbeddedEventStorageTest {

    @RegisterExtension
    final MigratedDatabase database = new MigratedDatabase();

    private final JdbcEventStorageEngine storage = new EmbeddedEventStorage(
            JdbcEventStorageEngine.builder()
                                  .connectionProvider(database.dataSource()::getConnection)
                                  .transactionManager(NoTransactionManager.INSTANCE)
                                  .eventSerializer(JacksonSerializer.defaultSerializer())
                                  .snapshotSerializer(JacksonSerializer.defaultSerializer()));

    @Test
    void an_event_read_in_order_has_the_time_it_was_stored_with() {
        Instant storedAt = Instant.parse("2026-12-02T08:43:12.123Z");
        store(1, storedAt.toString());
        store(2, "2026-12-02T09:43:12.5+01:00");

        List<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false).toList();

        assertThat(events).extracting(TrackedEventMessage::getTimestamp)
                          .containsExactly(storedAt, Instant.parse("2026-12-02T08:43:12.500Z"));
    }

    @Test
    void a_recent_event_past_a_missing_position_leaves_the_gap_in_its_token() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store(1, now.toString());
        store(3, now.toString());

        List<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false).toList();

        assertThat(((GapAwareTrackingToken) events.get(1).trackingToken()).getGaps()).containsExactly(2L);
    }

    @Test
    void an_event_older_than_the_gap_timeout_leaves_no_gap_before_it() {
        String longAgo = Instant.now().minus(2, ChronoUnit.MINUTES).toString();
        store(1, longAgo);
        store(3, longAgo);

        List<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false).toList();

        assertThat(events).extracting(event -> ((GapAwareTrackingToken) event.trackingToken()).getGaps())
                          .allSatisfy(gaps -> assertThat(gaps).isEmpty());
        assertThat(events.get(1).trackingToken().position()).hasValue(3);
    }

    private void store(long globalIndex, String timestamp) {
        database.jdbc().sql("""
                INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type, eventIdentifier,
                                              metaData, payload, payloadType, timeStamp)
                VALUES (?, 'SKU-1', ?, 'Product', ?, '{}', '{"sku":"SKU-1"}', 'com.example.Some', ?)""")
                         .params(globalIndex, globalIndex, "event-" + globalIndex, timestamp)
                         .update();
    }
}
