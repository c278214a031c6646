package com.example.stock.products;

import java.util.List;
import java.util.Optional;

import com.example.stock.allocation.Allocated;
import com.example.stock.allocation.BatchCreated;
import com.example.stock.allocation.BatchQuantityChanged;
import com.example.stock.allocation.Deallocated;
import com.example.stock.shared.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
@ProcessingGroup(ProductProjection.PROCESSING_GROUP)
class ProductProjection {

    static final String PROCESSING_GROUP = "products" + ProcessingGroups.VIEW;

    private final JdbcClient jdbc;

    ProductProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BatchCreated event, @SequenceNumber long sequence) {
        jdbc.sql("""
                 INSERT INTO product_batches_view (batchref, sku, eta, purchased, allocated, added_as)
                 VALUES (?, ?, ?, ?, 0, ?)""")
            .params(event.ref(), event.sku(), event.eta(), event.qty(), sequence)
            .update();
    }

    @EventHandler
    void on(Allocated event) {
        addToAllocated(event.batchref(), event.qty());
    }

    @EventHandler
    void on(Deallocated event) {
        addToAllocated(event.batchref(), -event.qty());
    }

    @EventHandler
    void on(BatchQuantityChanged event) {
        jdbc.sql("UPDATE product_batches_view SET purchased = ? WHERE batchref = ?")
            .params(event.qty(), event.ref())
            .update();
    }

    private void addToAllocated(String batchref, int qty) {
        jdbc.sql("UPDATE product_batches_view SET allocated = allocated + ? WHERE batchref = ?")
            .params(qty, batchref)
            .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM product_batches_view").update();
    }

    @QueryHandler
    Optional<ProductView> handle(FindProduct query) {
        List<BatchView> batches =
                jdbc.sql("""
                         SELECT batchref AS ref, eta, purchased, allocated, purchased - allocated AS available
                         FROM product_batches_view WHERE sku = ?
                         ORDER BY eta IS NOT NULL, eta, added_as""")
                    .param(query.sku())
                    .query(BatchView.class)
                    .list();
        return batches.isEmpty() ? Optional.empty() : Optional.of(new ProductView(query.sku(), batches));
    }
}
