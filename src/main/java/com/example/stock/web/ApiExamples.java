package com.example.stock.web;

/**
 * Example answers for the API documentation, as the service writes them, from the README's story: a shipment and
 * warehouse stock of SMALL-TABLE, order-1 allocated, then moved when the warehouse count turned out smaller.
 */
final class ApiExamples {

    static final String ALLOCATED = """
            {"orderid": "order-1", "sku": "SMALL-TABLE", "status": "allocated", "batchref": "batch-002"}""";

    static final String ALLOCATIONS = """
            [{"sku": "SMALL-TABLE", "batchref": "batch-001"}]""";

    static final String PRODUCT = """
            {"sku": "SMALL-TABLE", "batches": [
              {"ref": "batch-002", "eta": null, "purchased": 5, "allocated": 0, "available": 5},
              {"ref": "batch-001", "eta": "2026-01-31", "purchased": 20, "allocated": 8, "available": 12}]}""";

    static final String PRODUCT_HISTORY = """
            {"sku": "SMALL-TABLE", "page": 0, "size": 100, "totalEvents": 2, "events": [
              {"sku": "SMALL-TABLE", "sequence": 0, "timestamp": "2026-11-23T10:00:00.120Z", "type": "BatchCreated",
               "payload": {"sku": "SMALL-TABLE", "ref": "batch-001", "qty": 20, "eta": "2026-01-31"},
               "metadata": {"correlationId": "abc-123", "causationId": "de52a4ad-0dbf-4fe8-91c3-d3b2e65c3489",
                            "user": "operator", "command": "CreateBatch",
                            "hash": "7399d3e875f79761cb0184b758ac6fee884dc3e85c748518aee04cd4566d0975"}},
              {"sku": "SMALL-TABLE", "sequence": 1, "timestamp": "2026-11-23T10:01:00.550Z", "type": "Allocated",
               "payload": {"orderId": "order-1", "sku": "SMALL-TABLE", "qty": 8, "batchref": "batch-001"},
               "metadata": {"correlationId": "46afe7a7-32d9-40c3-a7aa-4e08197f09f1",
                            "causationId": "8fdc5798-8b1e-4ecd-bcad-b7ff5d1654dd", "user": "operator",
                            "command": "Allocate",
                            "hash": "fab7e677e2cc5a663b8977413d5718ab49337b0d51bc6cb9c8abdbac421d898c"}}]}""";

    static final String ORDER_HISTORY = """
            [{"position": 2, "occurredAt": "2026-11-23T10:01:00.550Z", "sku": "SMALL-TABLE", "what": "allocated",
              "batchref": "batch-002", "qty": 8, "user": "operator",
              "correlationId": "46afe7a7-32d9-40c3-a7aa-4e08197f09f1"},
             {"position": 4, "occurredAt": "2026-11-23T10:05:00.075Z", "sku": "SMALL-TABLE", "what": "deallocated",
              "batchref": "batch-002", "qty": 8, "user": "operator",
              "correlationId": "3bfa387a-13a4-42ae-a116-a3e5e1fa7f30"},
             {"position": 5, "occurredAt": "2026-11-23T10:05:00.119Z", "sku": "SMALL-TABLE", "what": "reallocated",
              "batchref": "batch-001", "qty": 8, "user": "operator",
              "correlationId": "3bfa387a-13a4-42ae-a116-a3e5e1fa7f30"}]""";

    static final String EVENT_FEED = """
            {"events": [
              {"position": 1, "sku": "SMALL-TABLE", "sequence": 0, "timestamp": "2026-11-23T10:00:00.120Z",
               "type": "BatchCreated", "payload": {"sku": "SMALL-TABLE", "ref": "batch-001", "qty": 20, "eta": "2026-01-31"},
               "metadata": {"correlationId": "abc-123", "causationId": "de52a4ad-0dbf-4fe8-91c3-d3b2e65c3489",
                            "user": "operator", "command": "CreateBatch",
                            "hash": "7399d3e875f79761cb0184b758ac6fee884dc3e85c748518aee04cd4566d0975"}}],
             "next": 1}""";

    static final String PROCESSORS = """
            [{"name": "allocations-view", "kind": "streaming", "state": "running", "position": 7, "head": 7, "lag": 0,
              "activeGeneration": "a", "rebuild": null},
             {"name": "batch-directory", "kind": "subscribing", "state": "running", "position": null, "head": 7,
              "lag": null, "activeGeneration": null, "rebuild": null},
             {"name": "reallocation-policy", "kind": "streaming", "state": "running", "position": 7, "head": 7, "lag": 0,
              "activeGeneration": null, "rebuild": null}]""";

    static final String REBUILD = """
            {"readModel": "allocations-view", "state": "completed", "generation": "b",
             "startedAt": "2026-11-23T10:10:00.477Z", "finishedAt": "2026-11-23T10:10:01.150Z", "eventsReplayed": 7,
             "position": 7, "head": 7, "progress": 100.0, "failure": null}""";

    static final String REBUILD_STARTED = """
            {"readModel": "allocations-view", "state": "running", "generation": "b",
             "startedAt": "2026-11-23T10:10:00.477Z", "finishedAt": null, "eventsReplayed": 0, "position": 0,
             "head": 7, "progress": 0.0, "failure": null}""";

    static final String AUDIT_STARTED = """
            {"id": "20261123T101500-3f2a", "state": "running", "phase": "chain", "startedAt": "2026-11-23T10:15:00.563Z",
             "finishedAt": null, "progress": 0.0, "clean": null, "failure": null}""";

    static final String AUDIT_RUN = """
            {"id": "20261123T101500-3f2a", "state": "completed", "phase": "done", "startedAt": "2026-11-23T10:15:00.563Z",
             "finishedAt": "2026-11-23T10:15:00.946Z", "progress": 100.0, "clean": true, "failure": null}""";

    static final String AUDIT_REPORT = """
            {"id": "20261123T101500-3f2a", "startedAt": "2026-11-23T10:15:00.563Z",
             "finishedAt": "2026-11-23T10:15:00.946Z", "clean": true, "events": 7, "products": 1, "orders": 1,
             "hashChain": "verified", "violations": {}, "firstFindings": [], "discrepancyCount": 0,
             "discrepancies": [], "skippedAsChanging": 0}""";

    static final String DISCREPANCIES = """
            read_model,key,expected,actual
            allocations-view,order-1/SMALL-TABLE,batch-001,batch-002
            """;

    static final String DEAD_LETTERS = """
            [{"processingGroup": "products-view", "eventIdentifier": "9b1f0f4e-3c0e-4a57-8f8e-5d1c2a7b6e10",
              "type": "Allocated", "sku": "SMALL-TABLE", "sequenceNumber": 1, "occurredAt": "2026-11-23T10:01:00.550Z",
              "enqueuedAt": "2026-11-23T10:01:00.610Z", "lastTouched": "2026-11-23T10:01:00.610Z",
              "cause": "org.springframework.dao.DataAccessResourceFailureException: No space left on device"}]""";

    static final String RETRY_OUTCOME = """
            {"processingGroup": "products-view", "handled": 1, "remaining": 0}""";

    static final String SIGNED_IN = """
            {"user": "auditor", "roles": ["AUDITOR", "READER"]}""";

    private ApiExamples() {
    }
}
