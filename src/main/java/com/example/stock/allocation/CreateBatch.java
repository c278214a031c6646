package com.example.stock.allocation;

import java.time.LocalDate;

/** Adds an incoming delivery of one SKU; {@code eta} is null for stock already in the warehouse. */
public record CreateBatch(String ref, String sku, int qty, LocalDate eta) implements ProductCommand {
}
