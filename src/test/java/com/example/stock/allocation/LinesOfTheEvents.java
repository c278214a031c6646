package com.example.stock.allocation;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.example.stock.allocation.RecordedLines.Row;
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
        return rows(sku).stream()
                        .filter(row -> row.orderId().equals(orderId))
                        .max(Comparator.comparingLong(Row::allocatedAs))
                        .filter(row -> row.freedAs() == null)
                        .map(row -> new HeldOrderLine(orderId, sku, row.batchref(), row.qty()));
    }

    @Override
    public Iterable<OrderLine> newestFirst(String sku, String batchref) {
        return rows(sku).stream()
                        .filter(row -> row.batchref().equals(batchref) && row.freedAs() == null)
                        .sorted(Comparator.comparingLong(Row::allocatedAs).reversed())
                        .map(row -> new OrderLine(row.orderId(), row.qty()))
                        .toList();
    }

    private List<Row> rows(String sku) {
        RecordedLines lines = new RecordedLines();
        events.get().readEvents(sku, 0)
              .forEachRemaining(event -> lines.apply(event.getSequenceNumber(), event.getPayload()));
        return lines.rows();
    }
}
