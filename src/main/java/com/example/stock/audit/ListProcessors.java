package com.example.stock.audit;

/** Asks for every event processor with its position, lag and state: a list of {@link ProcessorStatus}. */
public record ListProcessors() {
}
