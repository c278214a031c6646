package com.example.stock.products;

import java.util.List;

/** A product's batches, warehouse stock first, then by ETA, then in the order they were added. */
public record ProductView(String sku, List<BatchView> batches) {
}
