package com.example.stock.allocations;

import com.example.stock.shared.ReadModelQuery;

/** Asks for every allocated order line: a list of {@link LineAllocation} (for audits). */
public record FindAllAllocations() implements ReadModelQuery {
}
