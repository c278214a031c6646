package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * What the operator's tools read: health (public, details for auditors), build info, and Prometheus metrics of
 * commands, events, queries, processors and HTTP requests.
 */
class HealthAndMetricsTest extends EndToEndTest {

    @Test
    void health_tells_anyone_the_status_and_nothing_more() {
        var answer = api.as(null).get("/actuator/health");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("status").asText()).isEqualTo("UP");
        assertThat(answer.json().has("components")).isFalse();
    }

    @Test
    void auditors_see_the_database_and_each_event_processor_with_its_position_and_lag() {
        String sku = unique("sku");
        api.addBatch(unique("batch"), sku, 10, null);

        JsonNode health = api.as(TestUsers.AUDITOR_ONLY).get("/actuator/health").json().path("components");

        assertThat(health.path("db").path("status").asText()).isEqualTo("UP");
        JsonNode processors = health.path("eventProcessors");
        assertThat(processors.path("status").asText()).isEqualTo("UP");
        assertThat(processors.path("components").fieldNames()).toIterable()
                .contains("allocations-view", "products-view", "order-timeline-view", "reallocation-policy",
                          "out-of-stock-notifications", "batch-directory");
        JsonNode allocations = processors.path("components").path("allocations-view");
        assertThat(allocations.path("status").asText()).isEqualTo("UP");
        assertThat(allocations.path("details").path("state").asText()).isEqualTo("running");
        assertThat(allocations.path("details").path("lag").isNumber()).isTrue();
        assertThat(allocations.path("details").path("head").asLong())
                .isGreaterThanOrEqualTo(allocations.path("details").path("position").asLong())
                .isPositive();
    }

    @Test
    void readers_see_only_the_status() {
        var answer = api.as(TestUsers.READER_ONLY).get("/actuator/health");

        assertThat(answer.json().has("components")).isFalse();
    }

    @Test
    void info_names_the_build() {
        JsonNode build = api.as(TestUsers.AUDITOR_ONLY).get("/actuator/info").json().path("build");

        assertThat(build.path("artifact").asText()).isEqualTo("stock-allocation");
        assertThat(build.path("version").asText()).isNotBlank();
        assertThat(build.path("time").asText()).isNotBlank();
    }

    @Test
    void prometheus_counts_commands_events_queries_and_http_requests_and_shows_each_processors_lag_and_the_request_lanes() {
        String sku = unique("sku");
        api.addBatch(unique("batch"), sku, 10, null);
        api.allocate(unique("order"), sku, 1);
        api.product(sku);

        var answer = api.as(TestUsers.AUDITOR_ONLY).get("/actuator/prometheus", "text/plain");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body())
                .contains("commandBus_successCounter_total{payloadType=\"Allocate\"}")
                .contains("commandBus_allTimer_seconds_count{payloadType=\"CreateBatch\"}")
                .contains("eventStore_ingestedCounter_total")
                .contains("queryBus_successCounter_total{payloadType=\"FindProduct\"}")
                .contains("eventProcessor_successCounter_total{payloadType=\"Allocated\",processorName=\"allocations-view\"}")
                .contains("eventProcessor_latency{processorName=\"allocations-view\"}")
                .contains("eventProcessor_allTimer_seconds_max{payloadType=\"Allocated\",processorName=\"products-view\"}")
                .contains("stock_processor_lag_events{processor=\"allocations-view\"}")
                .contains("stock_processor_lag_events{processor=\"reallocation-policy\"}")
                .contains("executor_queued{name=\"requests\"}")
                .contains("executor_pool_size_threads{name=\"requests\"}")
                .contains("http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"POST\","
                                  + "outcome=\"SUCCESS\",status=\"202\",uri=\"/allocate\"}")
                .doesNotContain("quantile=")
                .doesNotContain("eventProcessor_capacity");
    }
}
