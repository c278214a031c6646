package com.example.stock.allocation;

/** No batch of the SKU could take the line: a business outcome, not an error. */
public record OutOfStock(String orderId, String sku, int qty) {
}
