package com.example.stock.audit;

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
 * Each order's timeline across products, with who caused each step. Writes into and reads from the table it is
 * given: the active generation, or the one being rebuilt.
 */
@ProcessingGroup(OrderTimelineProjection.PROCESSING_GROUP)
class OrderTimelineProjection extends TableProjection {

    static final String PROCESSING_GROUP = "order-timeline" + ProcessingGroups.VIEW;

    static final String TABLE = "order_timeline_view";

    OrderTimelineProjection(JdbcClient jdbc, Supplier<String> table) {
        super(jdbc, table);
    }

    @EventHandler
    void on(Allocated event, EventMessage<?> message, TrackingToken token) {
        String what = "deallocated".equals(lastStepOf(event.orderId(), event.sku())) ? "reallocated" : "allocated";
        record(event.orderId(), event.sku(), what, event.batchref(), event.qty(), message, token);
    }

    @EventHandler
    void on(Deallocated event, EventMessage<?> message, TrackingToken token) {
        record(event.orderId(), event.sku(), "deallocated", event.batchref(), event.qty(), message, token);
    }

    @EventHandler
    void on(OutOfStock event, EventMessage<?> message, TrackingToken token) {
        record(event.orderId(), event.sku(), "out_of_stock", null, event.qty(), message, token);
    }

    private String lastStepOf(String orderId, String sku) {
        return sql("""
                        SELECT what FROM %s WHERE orderid = ? AND sku = ?
                        ORDER BY position DESC LIMIT 1""")
                   .params(orderId, sku)
                   .query(String.class)
                   .optional()
                   .orElse(null);
    }

    /**
     * Keyed by the order line and the event's position, so that an event handled again (a retried dead letter) is
     * still one step. Order id and position would not do: an event committed after a later one comes with the later
     * one's position, which other events hold too; never another of the same line, whose events come from one
     * product, one transaction after the other.
     */
    private void record(String orderId, String sku, String what, String batchref, int qty, EventMessage<?> message,
                        TrackingToken token) {
        sql("""
                 MERGE INTO %s
                     (orderid, position, occurred_at, sku, what, batchref, qty, username, correlation_id)
                 KEY (orderid, sku, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(orderId, token.position().orElseThrow(), Timestamp.from(message.getTimestamp()), sku, what,
                    batchref, qty, String.valueOf(message.getMetaData().getOrDefault(AuditTrail.USER, AuditTrail.ANONYMOUS)),
                    (String) message.getMetaData().get(AuditTrail.CORRELATION_ID))
            .update();
    }

    @ResetHandler
    void reset() {
        clear();
    }

    @QueryHandler
    List<OrderEvent> handle(OrderHistory query) {
        return sql("""
                        SELECT position, occurred_at, sku, what, batchref, qty, username AS "user", correlation_id
                        FROM %s WHERE orderid = ? ORDER BY position, sku""")
                   .param(query.orderId())
                   .query(OrderEvent.class)
                   .list();
    }
}
