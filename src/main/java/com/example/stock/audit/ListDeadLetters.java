package com.example.stock.audit;

/** Asks for every parked event of every processing group: a list of {@link ParkedEvent}. */
public record ListDeadLetters() {
}
