package com.example.stock.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * The embedded store: Axon's JDBC engine, with two changes to how it reads.
 * <ul>
 * <li>A snapshot's state is read as the snapshot is handed out. Axon reads a snapshot's payload only when the
 * aggregate is built from it, after the point where the event store, on an error reading a snapshot, logs it and
 * loads the aggregate from all its events instead; a snapshot that could not be read then failed every command on
 * its aggregate. Read here, such a snapshot is passed over for the events, as a stale revision is.</li>
 * <li>An event read by a processor or a replay has its time parsed once, by {@link StoredTimestamps}. Axon's entry
 * parses its text with a general formatter each time it is asked, twice per event read, which was a quarter of a
 * replay's reading thread and a fifth of what it allocated (docs/benchmarks.md).</li>
 * </ul>
 */
class EmbeddedEventStorage extends JdbcEventStorageEngine {

    // Axon's defaults, set here because its engine keeps them to itself and the tracked events' tokens need them
    private static final int MAX_GAP_OFFSET = 10_000;
    private static final long LOWEST_GLOBAL_SEQUENCE = 1;
    private static final int GAP_TIMEOUT_MILLIS = 60_000;

    EmbeddedEventStorage(Builder builder) {
        super(builder.maxGapOffset(MAX_GAP_OFFSET)
                     .lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                     .gapTimeout(GAP_TIMEOUT_MILLIS));
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        Optional<DomainEventMessage<?>> snapshot = super.readSnapshot(aggregateIdentifier);
        snapshot.ifPresent(DomainEventMessage::getPayload);
        return snapshot;
    }

    /** As Axon's own, but with the event's time parsed once: the token's gaps and the event's handlers share it. */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long globalSequence = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        TimeParsedOnce<?> event = new TimeParsedOnce<>(
                resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()),
                eventIdentifier,
                resultSet.getString(schema.timestampColumn()),
                resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                readPayload(resultSet, schema.metaDataColumn()));
        // an event older than the gap timeout leaves no gaps before it: one still missing will not come
        boolean allowGaps = event.getTimestamp()
                                 .isAfter(GenericEventMessage.clock.instant().minusMillis(GAP_TIMEOUT_MILLIS));
        GapAwareTrackingToken token;
        if (previousToken == null) {
            token = GapAwareTrackingToken.newInstance(
                    globalSequence,
                    allowGaps ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence), globalSequence)
                                          .boxed()
                                          .collect(Collectors.toCollection(TreeSet::new))
                              : Collections.emptySortedSet());
        } else {
            token = previousToken.advanceTo(globalSequence, allowGaps ? MAX_GAP_OFFSET : 0);
        }
        return new TrackedDomainEventData<>(token, event);
    }

    private static final class TimeParsedOnce<T> extends GenericDomainEventEntry<T> {

        private final Instant timestamp;

        private TimeParsedOnce(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                               String timestamp, String payloadType, String payloadRevision, T payload, T metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType, payloadRevision,
                  payload, metaData);
            this.timestamp = StoredTimestamps.parse(timestamp);
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }
}
