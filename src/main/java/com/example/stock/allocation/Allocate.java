package com.example.stock.allocation;

/** Allocates an order line to one batch of its SKU. Answers with an {@link AllocationOutcome}. */
public record Allocate(String orderId, String sku, int qty) implements ProductCommand {
}
