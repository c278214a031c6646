package com.example.stock.audit;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One stored event as an auditor reads it.
 *
 * @param position  its place in the global stream (null where the reading gives no global position)
 * @param sku       the product it belongs to
 * @param sequence  its place in its product's own sequence, from 0
 * @param type      the event type ({@code Allocated}, ...)
 * @param payload   what the event says
 * @param metadata  correlation and causation ids, the command and the user that caused it, its chain hash
 */
public record RecordedEvent(@JsonInclude(JsonInclude.Include.NON_NULL) Long position, String sku, long sequence, Instant timestamp, String type,
                            Object payload, Map<String, Object> metadata) {
}
