package com.example.stock.allocation;

/** A line taken off a batch whose quantity shrank; it is to be allocated again. */
public record Deallocated(String orderId, String sku, int qty, String batchref) {
}
