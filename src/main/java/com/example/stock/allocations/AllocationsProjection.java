package com.example.stock.allocations;

import java.util.List;
import java.util.function.Supplier;

import com.example.stock.allocation.Allocated;
import com.example.stock.allocation.Deallocated;
import com.example.stock.shared.ProcessingGroups;
import com.example.stock.shared.TableProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes into and reads from the table it is given: the active generation, or the one being rebuilt. */
@ProcessingGroup(AllocationsProjection.PROCESSING_GROUP)
class AllocationsProjection extends TableProjection {

    static final String PROCESSING_GROUP = "allocations" + ProcessingGroups.VIEW;

    static final String TABLE = "allocations_view";

    AllocationsProjection(JdbcClient jdbc, Supplier<String> table) {
        super(jdbc, table);
    }

    @EventHandler
    void on(Allocated event) {
        sql("MERGE INTO %s (orderid, sku, batchref) KEY (orderid, sku) VALUES (?, ?, ?)")
            .params(event.orderId(), event.sku(), event.batchref())
            .update();
    }

    @EventHandler
    void on(Deallocated event) {
        sql("DELETE FROM %s WHERE orderid = ? AND sku = ? AND batchref = ?")
            .params(event.orderId(), event.sku(), event.batchref())
            .update();
    }

    @ResetHandler
    void reset() {
        clear();
    }

    @QueryHandler
    List<OrderAllocation> handle(FindAllocations query) {
        return sql("SELECT sku, batchref FROM %s WHERE orderid = ? ORDER BY sku")
                   .param(query.orderId())
                   .query(OrderAllocation.class)
                   .list();
    }

    @QueryHandler
    List<LineAllocation> handle(FindAllAllocations query) {
        return sql("SELECT orderid AS order_id, sku, batchref FROM %s")
                   .query(LineAllocation.class)
                   .list();
    }
}
