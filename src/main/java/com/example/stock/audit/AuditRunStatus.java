package com.example.stock.audit;

import java.time.Instant;

/**
 * Where an audit run stands.
 *
 * @param state    {@code running}, {@code completed} or {@code failed}
 * @param phase    {@code chain} (verifying the hash chain), {@code replay} (rebuilding the audit's own model and
 *                 checking invariants), {@code compare} (against the live read models) or {@code done}
 * @param progress percent done
 * @param clean    once completed: true when nothing was found wrong
 */
public record AuditRunStatus(String id, String state, String phase, Instant startedAt, Instant finishedAt,
                             double progress, Boolean clean, String failure) {
}
