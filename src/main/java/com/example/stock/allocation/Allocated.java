package com.example.stock.allocation;

public record Allocated(String orderId, String sku, int qty, String batchref) {
}
