package com.example.stock.audit;

/**
 * @param handled   product sequences whose parked events were all handled this time
 * @param remaining product sequences still parked (they failed again)
 */
public record RetryOutcome(String processingGroup, int handled, long remaining) {
}
