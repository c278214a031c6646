package com.example.stock.audit;

/** Asks for a finished audit run's discrepancies as CSV text: an optional String. */
public record FindAuditDiscrepancies(String id) {
}
