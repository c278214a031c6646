package com.example.stock.audit;

/**
 * Asks for the global event stream after a position (null: from the start), at most {@code limit} events: a
 * {@link FeedPage}.
 */
public record ReadEventFeed(Long after, int limit) {
}
