package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Stop the app, start it again on the same data directory: everything is still there, nothing is replayed. */
@ExtendWith(OutputCaptureExtension.class)
class DurabilityTest {

    private final Path dataDir = EndToEndTest.temporaryDataDirectory();

    @Test
    void a_restarted_service_keeps_its_data_and_its_processors_resume_where_they_stopped(CapturedOutput output)
            throws Exception {
        String sku = "sku-durable", batch = "batch-durable", kept = "order-kept", forgotten = "order-forgotten";
        String shortSku = "sku-short", shortBatch = "batch-short", moved = "order-moved";
        try (var app = start()) {
            Api api = apiOf(app);
            api.addBatch(batch, sku, 10, null);
            api.allocate(kept, sku, 2);
            api.allocate(forgotten, sku, 3);
            api.post("/allocate", "{\"orderid\":\"order-keyed\",\"sku\":\"sku-durable\",\"qty\":1}",
                     java.util.Map.of("Idempotency-Key", "key-before-restart"));
            // a read-model row removed behind the processors' back: a replay from the start would bring it back
            jdbc(app).sql("DELETE FROM allocations_view_a WHERE orderid = ?").param(forgotten).update();
            // a line taken off a shrunken batch, reallocated by the policy: out of stock, the buyers are told
            api.addBatch(shortBatch, shortSku, 5, null);
            api.allocate(moved, shortSku, 4);
            api.changeBatchQuantity(shortBatch, 2);
            awaitOutput(output, "Out of stock for " + shortSku);
        }
        // the policy's and the mail's positions lost, the events kept (as with a new database beside Axon Server):
        // they start over as a replay, which they sit out, or the line would be reallocated and the buyers told again
        int lost = JdbcClient.create(new DriverManagerDataSource("jdbc:h2:file:" + dataDir + "/stock", "sa", ""))
                             .sql("DELETE FROM TokenEntry WHERE processorName IN ('reallocation-policy', "
                                  + "'out-of-stock-notifications')")
                             .update();
        assertThat(lost).isEqualTo(2);

        try (var app = start()) {
            Api api = apiOf(app);
            assertThat(api.allocations(kept).json().get(0).path("batchref").asText()).isEqualTo(batch);
            assertThat(api.allocate("order-after-restart", sku, 1).json().path("batchref").asText()).isEqualTo(batch);

            assertThat(api.allocations("order-after-restart").status()).isEqualTo(200);
            var retried = api.post("/allocate", "{\"orderid\":\"order-keyed\",\"sku\":\"sku-durable\",\"qty\":1}",
                                   java.util.Map.of("Idempotency-Key", "key-before-restart"));
            assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(api.allocations(forgotten).status()).isEqualTo(404);
            assertThat(api.product(sku).json().path("batches").get(0).path("allocated").asInt()).isEqualTo(7);
            assertThat(api.allocate(kept, sku, 2).json().path("batchref").asText()).isEqualTo(batch);
            assertThat(jdbc(app).sql("SELECT count(*) FROM DomainEventEntry").query(Long.class).single()).isEqualTo(10);
            Thread.sleep(1_000);
            assertThat(output.getAll().split("Out of stock for " + shortSku, -1)).as("told once").hasSize(2);
        }
    }

    private static void awaitOutput(CapturedOutput output, String expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!output.getAll().contains(expected) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(output.getAll()).contains(expected);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(StockAllocationApplication.class)
                .run(TestUsers.withUsers("--server.port=0", "--stock.data-dir=" + dataDir));
    }

    private static Api apiOf(ConfigurableApplicationContext app) {
        return new Api(((WebServerApplicationContext) app).getWebServer().getPort());
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext app) {
        return app.getBean(JdbcClient.class);
    }
}
