package com.example.stock.audit;

import java.time.Instant;

/**
 * Asks for a product as it stood at an instant, rebuilt from its events up to then: an optional
 * {@link com.example.stock.products.ProductView}, empty when the product did not exist yet.
 */
public record ProductAsOf(String sku, Instant asOf) {
}
