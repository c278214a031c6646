package com.example.stock.products;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.example.stock.allocation.Allocated;
import com.example.stock.allocation.BatchCreated;
import com.example.stock.allocation.BatchQuantityChanged;
import com.example.stock.allocation.Deallocated;
import com.example.stock.shared.ProcessingGroups;
import com.example.stock.shared.TableProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes into and reads from the table it is given: the active generation, or the one being rebuilt. */
@ProcessingGroup(ProductProjection.PROCESSING_GROUP)
class ProductProjection extends TableProjection {

    static final String PROCESSING_GROUP = "products" + ProcessingGroups.VIEW;

    static final String TABLE = "product_batches_view";

    ProductProjection(JdbcClient jdbc, Supplier<String> table) {
        super(jdbc, table);
    }

    @EventHandler
    void on(BatchCreated event, @SequenceNumber long sequence) {
        sql("""
                 INSERT INTO %s (batchref, sku, eta, purchased, allocated, added_as)
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
        sql("UPDATE %s SET purchased = ? WHERE batchref = ?")
            .params(event.qty(), event.ref())
            .update();
    }

    private void addToAllocated(String batchref, int qty) {
        sql("UPDATE %s SET allocated = allocated + ? WHERE batchref = ?")
            .params(qty, batchref)
            .update();
    }

    @ResetHandler
    void reset() {
        clear();
    }

    @QueryHandler
    Optional<ProductView> handle(FindProduct query) {
        List<ProductView> products = productsWhere("sku = ?", query.sku());
        return products.stream().findFirst();
    }

    @QueryHandler
    List<ProductView> handle(FindAllProducts query) {
        return productsWhere("TRUE");
    }

    private List<ProductView> productsWhere(String condition, Object... parameters) {
        Map<String, List<BatchView>> batchesBySku = new LinkedHashMap<>();
        sql("SELECT sku, batchref, eta, purchased, allocated FROM %s WHERE " + condition
            + " ORDER BY sku, eta IS NOT NULL, eta, added_as")
            .params(parameters)
            .query((row, number) -> batchesBySku
                    .computeIfAbsent(row.getString("sku"), sku -> new ArrayList<>())
                    .add(new BatchView(row.getString("batchref"), row.getObject("eta", LocalDate.class),
                                       row.getInt("purchased"), row.getInt("allocated"),
                                       row.getInt("purchased") - row.getInt("allocated"))))
            .list();
        return batchesBySku.entrySet().stream()
                           .map(product -> new ProductView(product.getKey(), product.getValue()))
                           .toList();
    }
}
