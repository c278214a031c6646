package com.example.stock.allocations;

import java.util.List;
import java.util.function.Supplier;

import com.example.stock.allocation.Allocated;
import com.example.stock.allocation.Deallocated;
import com.example.stock.shared.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes into and reads from the table it is given: the active generation, or the one being rebuilt. */
@ProcessingGroup(AllocationsProjection.PROCESSING_GROUP)
class AllocationsProjection {

    static final String PROCESSING_GROUP = "allocations" + ProcessingGroups.VIEW;

    static final String TABLE = "allocations_view";

    private final JdbcClient jdbc;
    private final Supplier<String> table;

    AllocationsProjection(JdbcClient jdbc, Supplier<String> table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    @EventHandler
    void on(Allocated event) {
        jdbc.sql("MERGE INTO %s (orderid, sku, batchref) KEY (orderid, sku) VALUES (?, ?, ?)".formatted(table.get()))
            .params(event.orderId(), event.sku(), event.batchref())
            .update();
    }

    @EventHandler
    void on(Deallocated event) {
        jdbc.sql("DELETE FROM %s WHERE orderid = ? AND sku = ? AND batchref = ?".formatted(table.get()))
            .params(event.orderId(), event.sku(), event.batchref())
            .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM " + table.get()).update();
    }

    @QueryHandler
    List<OrderAllocation> handle(FindAllocations query) {
        return jdbc.sql("SELECT sku, batchref FROM %s WHERE orderid = ? ORDER BY sku".formatted(table.get()))
                   .param(query.orderId())
                   .query(OrderAllocation.class)
                   .list();
    }

    @QueryHandler
    List<LineAllocation> handle(FindAllAllocations query) {
        return jdbc.sql("SELECT orderid AS order_id, sku, batchref FROM %s".formatted(table.get()))
                   .query(LineAllocation.class)
                   .list();
    }
}
