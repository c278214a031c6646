package com.example.stock.allocation;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.springframework.stereotype.Component;

/**
 * Gives every command of a product the product's SKU as routing key. On Axon Server, commands with the same key go
 * to the same instance, so each product is changed by one instance at a time, from its cache, under its lock.
 * {@link ChangeBatchQuantity} names only the batch: its SKU is looked up in the batch directory before the command
 * is sent. An unknown batch keeps its reference as key; whichever instance gets it answers that the batch is unknown.
 * <p>
 * The local command bus of the embedded mode does not route and leaves this unused.
 */
@Component
class ProductRouting implements RoutingStrategy {

    private final RoutingStrategy byAnnotation = AnnotationRoutingStrategy.defaultStrategy();
    private final BatchDirectory directory;

    ProductRouting(BatchDirectory directory) {
        this.directory = directory;
    }

    @Override
    public String getRoutingKey(CommandMessage<?> command) {
        if (command.getPayload() instanceof ProductCommand productCommand) {
            return productCommand.sku();
        }
        if (command.getPayload() instanceof ChangeBatchQuantity change) {
            return directory.skuOf(change.batchref()).orElse(change.batchref());
        }
        return byAnnotation.getRoutingKey(command);
    }
}
