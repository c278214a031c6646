package com.example.stock.audit;

/**
 * One event processor.
 *
 * @param kind             {@code streaming} (tracks its own position) or {@code subscribing} (handles events in
 *                         the transaction that stores them, so it is never behind)
 * @param state            {@code running}, {@code stopped} or {@code error}
 * @param position         the global position it has handled up to (the lowest of its segments)
 * @param head             the head of the event store
 * @param lag              events between its position and the head
 * @param activeGeneration for a read model, the generation of its tables that queries read
 * @param rebuild          the rebuild under way, if any, with its progress
 */
public record ProcessorStatus(String name, String kind, String state, Long position, long head, Long lag,
                              String activeGeneration, RebuildStatus rebuild) {
}
