package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Each request has a correlation id, the caller's or a new one: it comes back in the answer, is recorded on every
 * event the request caused, and is written on the log lines of what handled it.
 */
@ExtendWith(OutputCaptureExtension.class)
class CorrelationIdTest extends EndToEndTest {

    private static final String HEADER = "X-Correlation-Id";

    @Test
    void the_callers_id_comes_back_and_is_recorded_on_the_events_the_request_caused() {
        String sku = unique("sku");

        var answer = api.post("/add_batch", batch(unique("batch"), sku, 10), Map.of(HEADER, "abc-123"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.header(HEADER)).isEqualTo("abc-123");
        assertThat(correlationIdsOf(sku)).containsExactly("abc-123");
    }

    @Test
    void without_one_a_new_id_comes_back_and_is_the_one_on_the_events() {
        String sku = unique("sku");
        api.addBatch(unique("batch"), sku, 10, null);

        var answer = api.allocate(unique("order"), sku, 2);

        String generated = answer.header(HEADER);
        assertThat(UUID.fromString(generated)).isNotNull();
        assertThat(correlationIdsOf(sku).get(1)).isEqualTo(generated);
    }

    @Test
    void the_reallocation_that_follows_a_quantity_change_carries_the_id_of_the_change() {
        String sku = unique("sku"), warehouse = unique("batch"), order = unique("order");
        api.addBatch(warehouse, sku, 10, null);
        api.addBatch(unique("batch"), sku, 10, "2030-01-01");
        api.allocate(order, sku, 5);

        api.post("/change_batch_quantity", "{\"batchref\":\"%s\",\"qty\":0}".formatted(warehouse),
                 Map.of(HEADER, "shrink-1"));

        JsonNode events = api.get("/products/" + sku + "/history").json().path("events");
        assertThat(events.findValuesAsText("type"))
                .containsExactly("BatchCreated", "BatchCreated", "Allocated", "BatchQuantityChanged", "Deallocated",
                                 "Allocated");
        assertThat(correlationIdsOf(sku).subList(3, 6)).containsOnly("shrink-1");
    }

    @Test
    void a_refused_request_carries_it_too() {
        var answer = api.as(null).post("/add_batch", batch(unique("batch"), unique("sku"), 1), Map.of(HEADER, "who-am-i"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header(HEADER)).isEqualTo("who-am-i");
    }

    @Test
    void an_id_that_could_forge_log_lines_is_replaced_by_a_new_one() {
        for (String insane : List.of("a b", "<script>", "x".repeat(101), "-starts-with-a-dash")) {
            var answer = api.post("/add_batch", batch(unique("batch"), unique("sku"), 1), Map.of(HEADER, insane));

            assertThat(UUID.fromString(answer.header(HEADER))).as(insane).isNotNull();
        }
    }

    @Test
    void the_log_lines_of_the_event_handlers_a_request_set_off_show_its_id(CapturedOutput output) throws Exception {
        String sku = unique("sku"), id = unique("out-of-stock");
        api.addBatch(unique("batch"), sku, 1, null);

        api.post("/allocate", "{\"orderid\":\"%s\",\"sku\":\"%s\",\"qty\":2}".formatted(unique("order"), sku),
                 Map.of(HEADER, id));

        String unsentMail = "Out of stock for " + sku;
        long deadline = System.currentTimeMillis() + 10_000;
        while (!output.getAll().contains(unsentMail) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(output.getAll().lines().filter(line -> line.contains(unsentMail)))
                .singleElement().asString().contains("[" + id + "]");
    }

    private static String batch(String ref, String sku, int qty) {
        return "{\"ref\":\"%s\",\"sku\":\"%s\",\"qty\":%d,\"eta\":null}".formatted(ref, sku, qty);
    }

    private List<String> correlationIdsOf(String sku) {
        List<String> ids = new ArrayList<>();
        api.get("/products/" + sku + "/history").json().path("events")
           .forEach(event -> ids.add(event.path("metadata").path("correlationId").asText()));
        return ids;
    }
}
