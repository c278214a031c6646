package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import com.example.stock.allocation.Allocate;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Rebuilding a read model online: queries keep answering from a complete model, commands keep flowing. */
class ReadModelRebuildTest extends EndToEndTest {

    @Autowired
    private CommandGateway commandGateway;

    @Test
    void a_read_model_rebuilt_while_commands_arrive_ends_up_complete_and_active() throws Exception {
        String sku = unique("sku"), seededOrder = unique("order");
        api.addBatch(unique("batch"), sku, 1_000_000, null);
        for (int i = 0; i < 3_000; i++) {
            commandGateway.sendAndWait(new Allocate(seededOrder + "-" + i, sku, 1));
        }
        api.allocate(seededOrder, sku, 1);
        String generationBefore = generationOf("allocations-view");

        AtomicBoolean rebuilding = new AtomicBoolean(true);
        List<String> ordersDuringRebuild = new ArrayList<>();
        List<Integer> readsDuringRebuild = new ArrayList<>();
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            while (rebuilding.get()) {
                String order = unique("during");
                api.allocate(order, sku, 1);
                ordersDuringRebuild.add(order);
                readsDuringRebuild.add(api.allocations(order).status());
                readsDuringRebuild.add(api.allocations(seededOrder).status());
            }
        });
        var started = api.post("/admin/read-models/allocations-view/rebuild", "");
        JsonNode finished = AuditSupport.awaitFinished(api, "/admin/read-models/allocations-view/rebuild");
        rebuilding.set(false);
        traffic.get();

        assertThat(started.status()).isEqualTo(202);
        assertThat(finished.path("state").asText()).isEqualTo("completed");
        assertThat(finished.path("progress").asDouble()).isEqualTo(100.0);
        assertThat(finished.path("eventsReplayed").asLong()).isGreaterThan(3_000);
        assertThat(ordersDuringRebuild).isNotEmpty();
        assertThat(readsDuringRebuild).containsOnly(200);
        assertThat(generationOf("allocations-view")).isNotEqualTo(generationBefore);
        for (String order : ordersDuringRebuild) {
            assertThat(api.allocations(order).status()).isEqualTo(200);
        }
        assertThat(AuditSupport.audit(api).path("discrepancyCount").asInt()).isZero();
    }

    @Test
    void a_read_model_rebuilt_again_is_refilled_from_an_empty_table() throws Exception {
        String sku = unique("sku");
        api.addBatch(unique("batch"), sku, 10, null);
        api.allocate(unique("order"), sku, 3);

        // the second rebuild refills the generation the first one replaced, which still holds its rows
        for (int rebuild = 1; rebuild <= 2; rebuild++) {
            assertThat(api.post("/admin/read-models/products-view/rebuild", "").status()).isEqualTo(202);
            JsonNode finished = AuditSupport.awaitFinished(api, "/admin/read-models/products-view/rebuild");
            assertThat(finished.path("state").asText()).isEqualTo("completed");
        }

        JsonNode batch = api.product(sku).json().path("batches").get(0);
        assertThat(batch.path("allocated").asInt()).isEqualTo(3);
        assertThat(batch.path("available").asInt()).isEqualTo(7);
    }

    @Test
    void the_processor_overview_shows_every_processor_with_its_position_and_lag() {
        api.addBatch(unique("batch"), unique("sku"), 1, null);

        JsonNode processors = api.get("/admin/processors").json();

        assertThat(processors.findValuesAsText("name")).contains(
                "allocations-view", "products-view", "order-timeline-view", "reallocation-policy",
                "out-of-stock-notifications", "batch-directory");
        for (JsonNode processor : processors) {
            assertThat(processor.path("state").asText()).isEqualTo("running");
            if ("streaming".equals(processor.path("kind").asText())) {
                assertThat(processor.path("position").asLong()).isPositive();
                assertThat(processor.path("lag").asLong()).isEqualTo(
                        processor.path("head").asLong() - processor.path("position").asLong());
            }
        }
    }

    @Test
    void rebuilding_a_read_model_that_does_not_exist_is_a_404_problem() {
        var answer = api.post("/admin/read-models/reallocation-policy/rebuild", "");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().path("detail").asText()).contains("allocations-view");
    }

    @Test
    void asking_for_a_rebuild_that_never_ran_is_a_404() {
        assertThat(api.get("/admin/read-models/no-such-view/rebuild").status()).isEqualTo(404);
    }

    private String generationOf(String readModel) {
        for (JsonNode processor : api.get("/admin/processors").json()) {
            if (processor.path("name").asText().equals(readModel)) {
                return processor.path("activeGeneration").asText();
            }
        }
        throw new AssertionError("no processor " + readModel);
    }

}
