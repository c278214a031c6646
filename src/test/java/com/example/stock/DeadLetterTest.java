package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.example.stock.allocation.Allocated;
import com.example.stock.allocation.BatchCreated;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A read model whose handler fails on an event: the event is parked in the dead-letter queue, the read model goes
 * on with other products, and an auditor lists the parked event and retries it once the fault is gone. A processor
 * without a dead-letter queue that fails stops where it is, and health says so until it gets through.
 */
@Import(DeadLetterTest.FlakyViewConfiguration.class)
class DeadLetterTest extends StartedAppTest {

    private static final Path OWN_DATA = temporaryDataDirectory();

    @DynamicPropertySource
    static void ownStore(DynamicPropertyRegistry registry) {
        registry.add("stock.data-dir", OWN_DATA::toString);
    }

    @Autowired
    private FlakyView flakyView;

    @Autowired
    private StuckProcessor stuckProcessor;

    @Test
    void a_failing_event_is_parked_the_view_goes_on_and_a_retry_handles_it() {
        String poisoned = unique("poisoned"), healthy = unique("healthy");
        api.addBatch(unique("batch"), poisoned, 10, null);
        api.addBatch(unique("batch"), healthy, 10, null);
        flakyView.failFor = poisoned;

        assertThat(api.allocate(unique("order"), poisoned, 1).status()).isEqualTo(202);
        assertThat(api.allocate(unique("order"), healthy, 1).status()).isEqualTo(202);

        JsonNode parked = api.get("/admin/dead-letters").json();
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).path("processingGroup").asText()).isEqualTo("flaky-test-view");
        assertThat(parked.get(0).path("type").asText()).isEqualTo("Allocated");
        assertThat(parked.get(0).path("sku").asText()).isEqualTo(poisoned);
        assertThat(parked.get(0).path("cause").asText()).contains("refuses " + poisoned);
        assertThat(flakyView.handled).containsExactly(healthy);

        var stillFailing = api.post("/admin/dead-letters/flaky-test-view/retry", "");
        assertThat(stillFailing.json().path("remaining").asInt()).isEqualTo(1);

        flakyView.failFor = null;
        var retried = api.post("/admin/dead-letters/flaky-test-view/retry", "");

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().path("handled").asInt()).isEqualTo(1);
        assertThat(retried.json().path("remaining").asInt()).isZero();
        assertThat(api.get("/admin/dead-letters").json()).isEmpty();
        assertThat(flakyView.handled).containsExactly(healthy, poisoned);
    }

    @Test
    void retrying_a_group_without_a_dead_letter_queue_is_a_404_problem() {
        var answer = api.post("/admin/dead-letters/reallocation-policy/retry", "");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.isProblem()).isTrue();
    }

    @Test
    void a_processor_in_error_is_down_in_health_with_its_lag_until_it_gets_through() throws InterruptedException {
        String sku = unique("stuck");
        stuckProcessor.failFor = sku;

        api.addBatch(unique("batch"), sku, 10, null);

        Api auditor = api.as(TestUsers.AUDITOR_ONLY);
        JsonNode stuck = awaitHealthOf(auditor, StuckProcessor.NAME, "DOWN");
        assertThat(stuck.path("details").path("state").asText()).isEqualTo("error");
        assertThat(stuck.path("details").path("lag").asLong()).isPositive();
        var service = api.as(null).get("/actuator/health");
        assertThat(service.status()).isEqualTo(503);
        assertThat(service.json().path("status").asText()).isEqualTo("DOWN");
        assertThat(api.as(null).get("/actuator/health/liveness").status()).as("no reason to restart it").isEqualTo(200);

        stuckProcessor.failFor = null;

        assertThat(awaitHealthOf(auditor, StuckProcessor.NAME, "UP").path("details").path("state").asText())
                .isEqualTo("running");
        assertThat(api.as(null).get("/actuator/health").status()).isEqualTo(200);
    }

    private static JsonNode awaitHealthOf(Api auditor, String processor, String status) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode health;
        do {
            Thread.sleep(50);
            health = auditor.get("/actuator/health/eventProcessors/" + processor).json();
        } while (!health.path("status").asText().equals(status) && System.currentTimeMillis() < deadline);
        assertThat(health.path("status").asText()).as(health.toString()).isEqualTo(status);
        return health;
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FlakyViewConfiguration {

        @Bean
        FlakyView flakyView() {
            return new FlakyView();
        }

        @Bean
        StuckProcessor stuckProcessor() {
            return new StuckProcessor();
        }
    }

    /** Neither a view nor a notifier, so no dead-letter queue: it stops at an event it fails on and retries it. */
    @ProcessingGroup(StuckProcessor.NAME)
    static class StuckProcessor {

        static final String NAME = "stuck-test-processor";

        volatile String failFor;

        @EventHandler
        void on(BatchCreated event) {
            if (event.sku().equals(failFor)) {
                throw new IllegalStateException(NAME + " fails on " + event.sku());
            }
        }
    }

    /** A read model that refuses the allocations of one SKU while told to. */
    @ProcessingGroup("flaky-test-view")
    static class FlakyView {

        volatile String failFor;
        final List<String> handled = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(Allocated event) {
            if (event.sku().equals(failFor)) {
                throw new IllegalStateException("flaky-test-view refuses " + event.sku());
            }
            handled.add(event.sku());
        }
    }
}
