package com.example.stock.allocations;

/** Asks for the allocations of one order: a list of {@link OrderAllocation}, empty when it has none. */
public record FindAllocations(String orderId) {
}
