package com.example.stock.allocation;

/** A line of a customer order: identified by order id and SKU; the SKU is the product it belongs to. */
record OrderLine(String orderId, int qty) {
}
