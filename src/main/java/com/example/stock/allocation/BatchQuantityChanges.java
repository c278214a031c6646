package com.example.stock.allocation;

import com.example.stock.allocation.Rejection.Reason;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** Handles {@link ChangeBatchQuantity}: finds the product that owns the batch, then lets it decide. */
@Component
class BatchQuantityChanges {

    private final BatchDirectory directory;
    private final Repository<Product> products;
    private final OrderLineRecords lines;

    BatchQuantityChanges(BatchDirectory directory, Repository<Product> products, OrderLineRecords lines) {
        this.directory = directory;
        this.products = products;
        this.lines = lines;
    }

    @CommandHandler
    void handle(ChangeBatchQuantity command) {
        String sku = directory.skuOf(command.batchref()).orElseThrow(
                () -> new CommandRejected(Reason.UNKNOWN_BATCH, "Unknown batch " + command.batchref()));
        loadProduct(sku, command.batchref())
                .execute(product -> product.changeBatchQuantity(command.batchref(), command.qty(), lines));
    }

    /**
     * The directory may name a product that has no events: a batch recorded by a command whose events did not reach
     * Axon Server (see {@link JdbcBatchDirectory}). For the client the batch does not exist.
     */
    private Aggregate<Product> loadProduct(String sku, String batchref) {
        try {
            return products.load(sku);
        } catch (AggregateNotFoundException e) {
            throw new CommandRejected(Reason.UNKNOWN_BATCH, "Unknown batch " + batchref);
        }
    }
}
