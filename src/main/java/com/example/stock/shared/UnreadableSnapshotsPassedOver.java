package com.example.stock.shared;

import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * The embedded store, reading a snapshot's state as it hands the snapshot out. Axon reads a snapshot's payload only
 * when the aggregate is built from it, after the point where the event store, on an error reading a snapshot, logs
 * it and loads the aggregate from all its events instead; a snapshot that could not be read then failed every
 * command on its aggregate. Read here, such a snapshot is passed over for the events, as a stale revision is.
 */
class UnreadableSnapshotsPassedOver extends JdbcEventStorageEngine {

    UnreadableSnapshotsPassedOver(Builder builder) {
        super(builder);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        Optional<DomainEventMessage<?>> snapshot = super.readSnapshot(aggregateIdentifier);
        snapshot.ifPresent(DomainEventMessage::getPayload);
        return snapshot;
    }
}
