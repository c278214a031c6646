package com.example.stock.audit;

import com.example.stock.shared.ReadModelQuery;

/** Asks for the timeline of one order across products: a list of {@link OrderEvent}, empty for an unknown order. */
public record OrderHistory(String orderId) implements ReadModelQuery {
}
