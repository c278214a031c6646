package com.example.stock.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.example.stock.products.ProductView;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers the auditor's questions straight from the event store: histories, past states, the global feed. */
@Component
class EventStoreQueries {

    /**
     * An event that follows a missing position is held back this long: the missing one may belong to a transaction
     * still committing, and a feed reader that moved past it would never see it. Older gaps are rolled back
     * transactions and are skipped.
     */
    static final Duration GAP_SETTLE_TIME = Duration.ofSeconds(10);

    private final EventStore eventStore;

    EventStoreQueries(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @QueryHandler
    Optional<HistoryPage> handle(ProductHistory query) {
        Optional<Long> last = eventStore.lastSequenceNumberFor(query.sku());
        if (last.isEmpty()) {
            return Optional.empty();
        }
        List<RecordedEvent> events = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(query.sku(), (long) query.page() * query.size());
        while (events.size() < query.size() && stream.hasNext()) {
            events.add(recorded(null, stream.next()));
        }
        return Optional.of(new HistoryPage(query.sku(), query.page(), query.size(), last.get() + 1, events));
    }

    @QueryHandler
    Optional<ProductView> handle(ProductAsOf query) {
        DomainEventStream stream = eventStore.readEvents(query.sku());
        ProductReplica product = new ProductReplica(query.sku());
        boolean existed = false;
        while (stream.hasNext() && !stream.peek().getTimestamp().isAfter(query.asOf())) {
            product.apply(stream.next().getPayload());
            existed = true;
        }
        return existed ? Optional.of(product.view()) : Optional.empty();
    }

    @QueryHandler
    FeedPage handle(ReadEventFeed query) throws InterruptedException {
        List<RecordedEvent> events = new ArrayList<>();
        Long next = query.after();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(tokenAfter(eventStore, query.after()))) {
            Instant settledBefore = Instant.now().minus(GAP_SETTLE_TIME);
            while (events.size() < query.limit() && stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
                TrackedEventMessage<?> event = stream.peek().orElseThrow();
                if (followsUnsettledGap(event, next, settledBefore)) {
                    break;
                }
                stream.nextAvailable();
                next = event.trackingToken().position().orElseThrow();
                events.add(recorded(next, event));
            }
        }
        return new FeedPage(events, next);
    }

    /** A token to open a stream at the event after {@code position} (null: at the first event). */
    static TrackingToken tokenAfter(EventStore eventStore, Long position) {
        if (position == null) {
            return null;
        }
        return eventStore.createTailToken() instanceof GlobalSequenceTrackingToken
                ? new GlobalSequenceTrackingToken(position)
                : GapAwareTrackingToken.newInstance(position, List.of());
    }

    private static boolean followsUnsettledGap(TrackedEventMessage<?> event, Long after, Instant settledBefore) {
        return event.trackingToken() instanceof GapAwareTrackingToken token
                && !token.getGaps().tailSet(after == null ? Long.MIN_VALUE : after + 1).isEmpty()
                && event.getTimestamp().isAfter(settledBefore);
    }

    static RecordedEvent recorded(Long position, EventMessage<?> event) {
        DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) event;
        Map<String, Object> metadata = new HashMap<>(event.getMetaData());
        return new RecordedEvent(position, domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber(),
                                 event.getTimestamp(), event.getPayloadType().getSimpleName(), event.getPayload(),
                                 metadata);
    }
}
