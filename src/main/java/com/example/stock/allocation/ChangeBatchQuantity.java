package com.example.stock.allocation;

import org.axonframework.commandhandling.RoutingKey;

/** Sets the purchased quantity of a batch, named by its reference alone (references are unique across SKUs). */
public record ChangeBatchQuantity(@RoutingKey String batchref, int qty) {
}
