package com.example.stock.audit;

import java.util.List;

/** A page of a product's history and how many events the product has in all. */
public record HistoryPage(String sku, int page, int size, long totalEvents, List<RecordedEvent> events) {
}
