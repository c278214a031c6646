package com.example.stock.products;

import com.example.stock.shared.ReadModelQuery;

/** Asks for every product with its batches: a list of {@link ProductView} (for audits). */
public record FindAllProducts() implements ReadModelQuery {
}
