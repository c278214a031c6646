package com.example.stock.allocation;

import org.axonframework.commandhandling.RoutingKey;

/**
 * Sets the purchased quantity of a batch, named by its reference alone (references are unique across SKUs). It is
 * routed by the SKU that owns the batch (see {@code ProductRouting}); the reference is the key of an unknown batch.
 */
public record ChangeBatchQuantity(@RoutingKey String batchref, int qty) {
}
