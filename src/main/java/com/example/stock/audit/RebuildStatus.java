package com.example.stock.audit;

import java.time.Instant;

/**
 * Where a rebuild stands.
 *
 * @param state      {@code running} (replaying into the inactive generation), {@code switching} (caught up,
 *                   making it active), {@code completed} or {@code failed}
 * @param generation the table generation being built
 * @param position   the global position replayed so far
 * @param head       the head of the store when last looked at
 * @param progress   percent of the store replayed; 100 once the rebuilt generation is active
 */
public record RebuildStatus(String readModel, String state, String generation, Instant startedAt,
                            Instant finishedAt, long eventsReplayed, long position, long head, double progress,
                            String failure) {
}
