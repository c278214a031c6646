package com.example.stock.audit;

import java.util.List;

/**
 * Events in the order of the global stream. {@code next} is the position to ask after next time: the last event's
 * position, or the position asked for when there was nothing new.
 */
public record FeedPage(List<RecordedEvent> events, Long next) {
}
