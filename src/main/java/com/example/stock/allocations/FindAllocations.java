package com.example.stock.allocations;

import com.example.stock.shared.ReadModelQuery;

/** Asks for the allocations of one order: a list of {@link OrderAllocation}, empty when it has none. */
public record FindAllocations(String orderId) implements ReadModelQuery {
}
