package com.example.stock.audit;

/** Asks for a finished audit run's report: an optional {@link AuditReport}. */
public record FindAuditReport(String id) {
}
