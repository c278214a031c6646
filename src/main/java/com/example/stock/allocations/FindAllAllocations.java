package com.example.stock.allocations;

/** Asks for every allocated order line: a list of {@link LineAllocation} (for audits). */
public record FindAllAllocations() {
}
