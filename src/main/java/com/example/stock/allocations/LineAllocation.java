package com.example.stock.allocations;

/** An order line and the batch that holds it. */
public record LineAllocation(String orderId, String sku, String batchref) {
}
