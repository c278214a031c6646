package com.example.stock.audit;

/** Hands a processing group's parked events to it again, oldest product sequence first: a {@link RetryOutcome}. */
public record RetryDeadLetters(String processingGroup) {
}
