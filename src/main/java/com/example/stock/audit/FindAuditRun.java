package com.example.stock.audit;

/** Asks for an audit run's progress: an optional {@link AuditRunStatus}. */
public record FindAuditRun(String id) {
}
