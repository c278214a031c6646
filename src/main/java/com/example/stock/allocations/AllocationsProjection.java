package com.example.stock.allocations;

import java.sql.Timestamp;
import java.util.List;
import java.util.function.Supplier;

import com.example.stock.allocation.Allocated;
import com.example.stock.allocation.Deallocated;
import com.example.stock.allocation.OutOfStock;
import com.example.stock.shared.AuditTrail;
import com.example.stock.shared.ProcessingGroups;
import com.example.stock.shared.TableProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every step of each order line, one row an event, keyed by order id: allocated, deallocated, out of stock. A
 * line's last step says which batch holds it now, so the one row an event answers both which batches hold an
 * order's lines and the order's timeline, where two read models wrote a row each (docs/architecture.md). Writes into
 * and reads from the table it is given: the active generation, or the one being rebuilt.
 */
@ProcessingGroup(AllocationsProjection.PROCESSING_GROUP)
class AllocationsProjection extends TableProjection {

    static final String PROCESSING_GROUP = "allocations" + ProcessingGroups.VIEW;

    static final String TABLE = "allocations_view";

    private static final String ALLOCATED = "allocated";
    private static final String DEALLOCATED = "deallocated";
    private static final String OUT_OF_STOCK = "out_of_stock";

    /** The lines whose last step is an allocation, with the batch it went to. */
    private static final String ALLOCATED_LINES = """
            SELECT step.orderid AS order_id, step.sku, step.batchref FROM %s step
            WHERE step.what = 'allocated' AND NOT EXISTS (
                SELECT 1 FROM %s later
                WHERE later.orderid = step.orderid AND later.sku = step.sku AND later.position > step.position)""";

    AllocationsProjection(JdbcClient jdbc, Supplier<String> table) {
        super(jdbc, table);
    }

    @EventHandler
    void on(Allocated event, EventMessage<?> message, TrackingToken token) {
        record(event.orderId(), event.sku(), ALLOCATED, event.batchref(), event.qty(), message, token);
    }

    @EventHandler
    void on(Deallocated event, EventMessage<?> message, TrackingToken token) {
        record(event.orderId(), event.sku(), DEALLOCATED, event.batchref(), event.qty(), message, token);
    }

    @EventHandler
    void on(OutOfStock event, EventMessage<?> message, TrackingToken token) {
        record(event.orderId(), event.sku(), OUT_OF_STOCK, null, event.qty(), message, token);
    }

    /**
     * Keyed by the order line and the event's position, so that an event handled again (a retried dead letter) is
     * still one step. The position alone would not do: an event committed after a later one comes with the later
     * one's position, which other events hold too; never another of the same line, whose events come from one
     * product, one transaction after the other.
     */
    private void record(String orderId, String sku, String what, String batchref, int qty, EventMessage<?> message,
                        TrackingToken token) {
        sql("""
                 MERGE INTO %s
                     (orderid, sku, position, occurred_at, what, batchref, qty, username, correlation_id)
                 KEY (orderid, sku, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(orderId, sku, token.position().orElseThrow(), Timestamp.from(message.getTimestamp()), what,
                    batchref, qty, String.valueOf(message.getMetaData().getOrDefault(AuditTrail.USER, AuditTrail.ANONYMOUS)),
                    (String) message.getMetaData().get(AuditTrail.CORRELATION_ID))
            .update();
    }

    @ResetHandler
    void reset() {
        clear();
    }

    @QueryHandler
    List<OrderAllocation> handle(FindAllocations query) {
        return sql(ALLOCATED_LINES + " AND step.orderid = ? ORDER BY step.sku")
                   .param(query.orderId())
                   .query(OrderAllocation.class)
                   .list();
    }

    @QueryHandler
    List<LineAllocation> handle(FindAllAllocations query) {
        return sql(ALLOCATED_LINES)
                   .query(LineAllocation.class)
                   .list();
    }

    /** An allocation that follows a deallocation of the same line is told apart as a reallocation. */
    @QueryHandler
    List<OrderEvent> handle(OrderHistory query) {
        return sql("""
                        SELECT position, occurred_at, sku,
                               CASE WHEN what = 'allocated'
                                         AND LAG(what) OVER (PARTITION BY sku ORDER BY position) = 'deallocated'
                                    THEN 'reallocated' ELSE what END AS what,
                               batchref, qty, username AS "user", correlation_id
                        FROM %s WHERE orderid = ? ORDER BY position, sku""")
                   .param(query.orderId())
                   .query(OrderEvent.class)
                   .list();
    }
}
