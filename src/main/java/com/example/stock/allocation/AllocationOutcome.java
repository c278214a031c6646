package com.example.stock.allocation;

/** What an {@link Allocate} decided: the batch that holds the line, or none when out of stock. */
public record AllocationOutcome(String orderId, String sku, String batchref) {

    static AllocationOutcome allocated(String orderId, String sku, String batchref) {
        return new AllocationOutcome(orderId, sku, batchref);
    }

    static AllocationOutcome outOfStock(String orderId, String sku) {
        return new AllocationOutcome(orderId, sku, null);
    }

    public boolean isAllocated() {
        return batchref != null;
    }
}
