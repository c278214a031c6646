package com.example.stock.allocation;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The order lines as a product's stored events give them, read again for every question: what the table of order
 * lines answers, without a database, for the aggregate test fixture.
 */
final class LinesOfTheEvents implements OrderLineRecords {

    private final Supplier<EventStore> events;

    LinesOfTheEvents(Supplier<EventStore> events) {
        this.events = events;
    }

    @Override
    public Optional<HeldOrderLine> held(String sku, String orderId) {
        return Optional.ofNullable(heldLines(sku).get(orderId))
                       .map(held -> new HeldOrderLine(orderId, sku, held.line().batchref(), held.line().qty()));
    }

    @Override
    public Iterable<OrderLine> newestFirst(String sku, String batchref) {
        return heldLines(sku).values().stream()
                             .filter(held -> held.line().batchref().equals(batchref))
                             .sorted(Comparator.comparingLong(AllocatedAs::sequence).reversed())
                             .map(held -> new OrderLine(held.line().orderId(), held.line().qty()))
                             .toList();
    }

    /** Each order's last allocation not freed since, by order id. */
    private Map<String, AllocatedAs> heldLines(String sku) {
        Map<String, AllocatedAs> held = new HashMap<>();
        events.get().readEvents(sku, 0).forEachRemaining(event -> {
            if (event.getPayload() instanceof Allocated allocated) {
                held.put(allocated.orderId(), new AllocatedAs(event.getSequenceNumber(), allocated));
            } else if (event.getPayload() instanceof Deallocated deallocated) {
                held.remove(deallocated.orderId());
            }
        });
        return held;
    }

    private record AllocatedAs(long sequence, Allocated line) {
    }
}
