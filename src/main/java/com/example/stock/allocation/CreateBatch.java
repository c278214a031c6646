package com.example.stock.allocation;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds an incoming delivery of one SKU; {@code eta} is null for stock already in the warehouse. */
public record CreateBatch(String ref, @TargetAggregateIdentifier String sku, int qty, LocalDate eta) {
}
