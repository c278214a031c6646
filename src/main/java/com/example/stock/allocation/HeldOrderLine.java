package com.example.stock.allocation;

/** An order line a product holds: the batch that holds it, and how much of the SKU. */
public record HeldOrderLine(String orderId, String sku, String batchref, int qty) {
}
