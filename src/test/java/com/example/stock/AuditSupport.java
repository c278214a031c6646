package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Starting audit runs and rebuilds over HTTP and waiting for them to finish. */
final class AuditSupport {

    private AuditSupport() {
    }

    /** Runs an audit to its end and returns its report. */
    static JsonNode audit(Api api) throws InterruptedException {
        var started = api.post("/admin/audits", "");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = started.json().path("id").asText();
        awaitFinished(api, "/admin/audits/" + id);
        return api.get("/admin/audits/" + id + "/report").json();
    }

    /** Polls a status resource until it is no longer running; returns the last status. */
    static JsonNode awaitFinished(Api api, String status) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode current = api.get(status).json();
        while (("running".equals(current.path("state").asText()) || "switching".equals(current.path("state").asText()))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            current = api.get(status).json();
        }
        return current;
    }
}
