package com.example.stock.audit;

import java.time.Instant;

/**
 * An event a processor failed on, parked in the dead-letter queue with the later events of the same product.
 *
 * @param cause why handling it failed, as first recorded or from the latest retry
 */
public record ParkedEvent(String processingGroup, String eventIdentifier, String type, String sku,
                          Long sequenceNumber, Instant occurredAt, Instant enqueuedAt, Instant lastTouched,
                          String cause) {
}
