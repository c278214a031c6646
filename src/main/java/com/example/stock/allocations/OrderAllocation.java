package com.example.stock.allocations;

/** One line of an order and the batch that holds it. */
public record OrderAllocation(String sku, String batchref) {
}
