package com.example.stock.allocation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The order lines as a table written by a subscribing handler, in the transaction that stores the events allocating
 * and freeing them: an allocation is one insert, which the commands' log holds like the events.
 * <p>
 * Embedded, rows and events are stored in one transaction and always agree. On Axon Server the events are stored in
 * the server right after this transaction commits; should that fail, the rows of the attempt stay without their
 * events. There a row counts only once the product's events hold what it says: the event under its sequence number
 * is its allocation, and under its {@code freed_as} the line's freeing. Only a line found is checked so, never a
 * new order's.
 * <p>
 * A product whose lines the table does not hold yet (a store written before the table, a new database beside Axon
 * Server) has them filled in from its events the first time they are asked for, in that command's transaction.
 */
@Component
@ProcessingGroup(JdbcOrderLineRecords.PROCESSING_GROUP)
class JdbcOrderLineRecords implements OrderLineRecords {

    static final String PROCESSING_GROUP = "order-lines";

    private static final Logger log = LoggerFactory.getLogger(JdbcOrderLineRecords.class);
    private static final int PAGE = 100;
    private static final String COLUMNS = "SELECT orderid, allocated_as, batchref, qty, freed_as FROM order_line ";
    private static final RowMapper<Row> ROW = (rows, number) -> new Row(
            rows.getString("orderid"), rows.getLong("allocated_as"), rows.getString("batchref"), rows.getInt("qty"),
            rows.getObject("freed_as", Long.class));

    private final JdbcClient jdbc;
    private final ObjectProvider<EventStore> eventStore;
    private final boolean eventsStoredApart;
    /** Products whose lines the table holds, as committed; the others are looked up, and filled in if need be. */
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();

    JdbcOrderLineRecords(JdbcClient jdbc, ObjectProvider<EventStore> eventStore,
                         @Value("${axon.axonserver.enabled:true}") boolean eventsStoredApart) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.eventsStoredApart = eventsStoredApart;
    }

    @Override
    public Optional<HeldOrderLine> held(String sku, String orderId) {
        ensureRecorded(sku);
        List<Row> allocations = jdbc.sql(COLUMNS + "WHERE sku = ? AND orderid = ? ORDER BY allocated_as DESC")
                                    .params(sku, orderId)
                                    .query(ROW)
                                    .list();
        // the most recent allocation the events hold decides: the earlier ones were freed before it
        return allocations.stream()
                          .filter(row -> allocationStored(sku, row))
                          .findFirst()
                          .filter(row -> !freeingStored(sku, row))
                          .map(row -> new HeldOrderLine(orderId, sku, row.batchref(), row.qty()));
    }

    @Override
    public Iterable<OrderLine> newestFirst(String sku, String batchref) {
        ensureRecorded(sku);
        return () -> new BatchLines(sku, batchref);
    }

    /**
     * The lines whose last allocation is not freed, as the table holds them. On Axon Server that includes the rows
     * of attempts whose events were not stored, which the products pass over: an audit lists them.
     */
    @QueryHandler
    List<HeldOrderLine> handle(FindHeldOrderLines query) {
        return jdbc.sql("SELECT orderid, sku, batchref, qty FROM order_line WHERE freed_as IS NULL ORDER BY sku, orderid")
                   .query((rows, number) -> new HeldOrderLine(rows.getString("orderid"), rows.getString("sku"),
                                                              rows.getString("batchref"), rows.getInt("qty")))
                   .list();
    }

    /**
     * Embedded, no row is there before (the sequence number is new to the product), and an allocation is one
     * insert. On Axon Server an earlier attempt whose events were not stored may have written the same row.
     */
    @EventHandler
    void on(Allocated event, @SequenceNumber long sequence) {
        boolean rewritten = eventsStoredApart
                && jdbc.sql("UPDATE order_line SET batchref = ?, qty = ?, freed_as = NULL "
                            + "WHERE sku = ? AND orderid = ? AND allocated_as = ?")
                       .params(event.batchref(), event.qty(), event.sku(), event.orderId(), sequence)
                       .update() > 0;
        if (!rewritten) {
            jdbc.sql("INSERT INTO order_line (sku, orderid, allocated_as, batchref, qty) VALUES (?, ?, ?, ?, ?)")
                .params(event.sku(), event.orderId(), sequence, event.batchref(), event.qty())
                .update();
        }
    }

    /** Marks every earlier allocation of the order freed: those before the last were, and an attempt's may be. */
    @EventHandler
    void on(Deallocated event, @SequenceNumber long sequence) {
        jdbc.sql("UPDATE order_line SET freed_as = ? WHERE sku = ? AND orderid = ? AND allocated_as < ?")
            .params(sequence, event.sku(), event.orderId(), sequence)
            .update();
    }

    private boolean allocationStored(String sku, Row row) {
        return stored(sku, row.allocatedAs(),
                      event -> event instanceof Allocated allocated && allocated.orderId().equals(row.orderId()));
    }

    private boolean freeingStored(String sku, Row row) {
        return row.freedAs() != null && stored(sku, row.freedAs(),
                event -> event instanceof Deallocated freed && freed.orderId().equals(row.orderId()));
    }

    /** Whether the product's event under this sequence number is stored and is the one a row says. */
    private boolean stored(String sku, long sequence, Predicate<Object> expected) {
        if (!eventsStoredApart) {
            return true;
        }
        DomainEventStream events = eventStore.getObject().readEvents(sku, sequence);
        if (!events.hasNext()) {
            return false;
        }
        DomainEventMessage<?> event = events.next();
        return event.getSequenceNumber() == sequence && expected.test(event.getPayload());
    }

    private void ensureRecorded(String sku) {
        if (recorded.contains(sku)) {
            return;
        }
        if (jdbc.sql("SELECT COUNT(*) FROM order_lines_recorded WHERE sku = ?").param(sku).query(Long.class).single()
            == 0) {
            recordFromEvents(sku);
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    recorded.add(sku);
                }
            });
        } else {
            recorded.add(sku);
        }
    }

    /**
     * Writes the product's lines as its events give them, through the handlers that write them as they happen: the
     * same rows, and the events read a page at a time however many the product has. No row of it is in the table
     * before.
     */
    private void recordFromEvents(String sku) {
        DomainEventStream events = eventStore.getObject().readEvents(sku, 0);
        long allocations = 0;
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getPayload() instanceof Allocated allocated) {
                on(allocated, event.getSequenceNumber());
                allocations++;
            } else if (event.getPayload() instanceof Deallocated deallocated) {
                on(deallocated, event.getSequenceNumber());
            }
        }
        jdbc.sql("INSERT INTO order_lines_recorded (sku) VALUES (?)").param(sku).update();
        log.debug("Recorded {} order line allocations of {} from its events", allocations, sku);
    }

    /** The lines a batch holds, newest first, read a page at a time. */
    private final class BatchLines implements Iterator<OrderLine> {

        private final String sku;
        private final String batchref;
        private final Deque<OrderLine> page = new ArrayDeque<>();
        private long before = Long.MAX_VALUE;
        private boolean exhausted;

        BatchLines(String sku, String batchref) {
            this.sku = sku;
            this.batchref = batchref;
        }

        @Override
        public boolean hasNext() {
            while (page.isEmpty() && !exhausted) {
                List<Row> rows = jdbc.sql(COLUMNS + "WHERE sku = ? AND batchref = ? AND allocated_as < ? "
                                          + "ORDER BY allocated_as DESC LIMIT " + PAGE)
                                     .params(sku, batchref, before)
                                     .query(ROW)
                                     .list();
                exhausted = rows.size() < PAGE;
                for (Row row : rows) {
                    before = row.allocatedAs();
                    if (allocationStored(sku, row) && !freeingStored(sku, row)) {
                        page.add(new OrderLine(row.orderId(), row.qty()));
                    }
                }
            }
            return !page.isEmpty();
        }

        @Override
        public OrderLine next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.poll();
        }
    }

    /**
     * One allocation of an order's line: under the sequence number of its {@link Allocated} event, and of its
     * {@link Deallocated} once freed.
     */
    private record Row(String orderId, long allocatedAs, String batchref, int qty, Long freedAs) {
    }
}
