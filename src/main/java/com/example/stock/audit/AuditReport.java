package com.example.stock.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of an audit run.
 *
 * @param events             events replayed
 * @param hashChain          {@code verified} (every stored event checked against its chain) or why it was not
 * @param violations         for each rule, how many events broke it
 * @param firstFindings      the first offending events of each rule (at most {@value AuditRun#FIRST_FINDINGS} each)
 * @param discrepancyCount   how many read-model rows differ from the replay
 * @param discrepancies      the first of them (all are in the CSV)
 * @param skippedAsChanging  products and orders changed while the audit compared, left out of the comparison
 */
public record AuditReport(String id, Instant startedAt, Instant finishedAt, boolean clean, long events,
                          long products, long orders, String hashChain, Map<String, Long> violations,
                          List<Finding> firstFindings, long discrepancyCount, List<Discrepancy> discrepancies,
                          long skippedAsChanging) {
}
