package com.example.stock.audit;

/** Asks for one page of a product's events, oldest first: an optional {@link HistoryPage}, empty for an unknown SKU. */
public record ProductHistory(String sku, int page, int size) {
}
