package com.example.stock.allocations;

import java.util.List;

import com.example.stock.allocation.Allocated;
import com.example.stock.allocation.Deallocated;
import com.example.stock.shared.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
@ProcessingGroup(AllocationsProjection.PROCESSING_GROUP)
class AllocationsProjection {

    static final String PROCESSING_GROUP = "allocations" + ProcessingGroups.VIEW;

    private final JdbcClient jdbc;

    AllocationsProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Allocated event) {
        jdbc.sql("MERGE INTO allocations_view (orderid, sku, batchref) KEY (orderid, sku) VALUES (?, ?, ?)")
            .params(event.orderId(), event.sku(), event.batchref())
            .update();
    }

    @EventHandler
    void on(Deallocated event) {
        jdbc.sql("DELETE FROM allocations_view WHERE orderid = ? AND sku = ? AND batchref = ?")
            .params(event.orderId(), event.sku(), event.batchref())
            .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM allocations_view").update();
    }

    @QueryHandler
    List<OrderAllocation> handle(FindAllocations query) {
        return jdbc.sql("SELECT sku, batchref FROM allocations_view WHERE orderid = ? ORDER BY sku")
                   .param(query.orderId())
                   .query(OrderAllocation.class)
                   .list();
    }
}
