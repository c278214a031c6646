package com.example.stock.audit;

import com.example.stock.shared.ReadModelQuery;

/**
 * Asks for every parked event of every processing group: a list of {@link ParkedEvent}. A read model's failures on
 * the events of every command answered before are parked by the time it is answered.
 */
public record ListDeadLetters() implements ReadModelQuery {
}
