package com.example.stock.allocation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Allocates an order line to one batch of its SKU. Answers with an {@link AllocationOutcome}. */
public record Allocate(String orderId, @TargetAggregateIdentifier String sku, int qty) {
}
