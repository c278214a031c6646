package com.example.stock.audit;

import java.time.Instant;

/**
 * Something that happened to one line of an order.
 *
 * @param what     {@code allocated}, {@code deallocated}, {@code reallocated} (allocated again after a
 *                 deallocation) or {@code out_of_stock}
 * @param batchref the batch concerned; null when out of stock
 * @param user     who sent the command that caused it
 */
public record OrderEvent(long position, Instant occurredAt, String sku, String what, String batchref, int qty,
                         String user, String correlationId) {
}
