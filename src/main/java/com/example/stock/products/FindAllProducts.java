package com.example.stock.products;

/** Asks for every product with its batches: a list of {@link ProductView} (for audits). */
public record FindAllProducts() {
}
