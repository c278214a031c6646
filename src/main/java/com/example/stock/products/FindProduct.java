package com.example.stock.products;

/** Asks for one product's batches: an optional {@link ProductView}, empty for an unknown SKU. */
public record FindProduct(String sku) {
}
