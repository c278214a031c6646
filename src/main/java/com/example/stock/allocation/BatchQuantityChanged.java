package com.example.stock.allocation;

public record BatchQuantityChanged(String sku, String ref, int qty) {
}
