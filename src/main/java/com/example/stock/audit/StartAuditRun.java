package com.example.stock.audit;

/** Starts an audit run over the whole event store; answers its {@link AuditRunStatus}. */
public record StartAuditRun() {
}
