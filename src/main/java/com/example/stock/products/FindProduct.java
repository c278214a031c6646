package com.example.stock.products;

import com.example.stock.shared.ReadModelQuery;

/** Asks for one product's batches: an optional {@link ProductView}, empty for an unknown SKU. */
public record FindProduct(String sku) implements ReadModelQuery {
}
