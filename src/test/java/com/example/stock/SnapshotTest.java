package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A product with many events is snapshotted, and a restarted service decides from the snapshot exactly as before; a
 * snapshot of an earlier revision of the product, or one that cannot be read, is passed over for the events.
 */
class SnapshotTest {

    private final Path dataDir = EndToEndTest.temporaryDataDirectory();

    @Test
    void a_product_loaded_from_its_snapshot_after_a_restart_decides_as_before() throws Exception {
        try (var app = start()) {
            allocateUntilSnapshotted(app);
        }

        try (var app = start()) {
            expectTheSameDecisions(apiOf(app));
        }
    }

    @Test
    void a_snapshot_of_an_earlier_revision_of_the_product_is_ignored_and_the_product_is_loaded_from_its_events()
            throws Exception {
        // a snapshot written before the product changed shape: its revision no longer matches, its state is of no
        // use (here an empty object, which would make an empty product if it were read)
        expectTheSameDecisionsAfterARestartOnASnapshotChangedBy(
                "UPDATE SnapshotEventEntry SET payloadRevision = '0', payload = ? WHERE aggregateIdentifier = ?", "{}");
    }

    @Test
    void a_snapshot_that_cannot_be_read_is_passed_over_and_the_product_is_loaded_from_its_events() throws Exception {
        // of the product's revision, but not a product: damaged, or written by a faulty build
        expectTheSameDecisionsAfterARestartOnASnapshotChangedBy(
                "UPDATE SnapshotEventEntry SET payload = ? WHERE aggregateIdentifier = ?", "{\"stock\": \"damaged\"}");
    }

    /** The product's snapshot is given this payload while the service is stopped. */
    private void expectTheSameDecisionsAfterARestartOnASnapshotChangedBy(String update, String payload)
            throws Exception {
        try (var app = start()) {
            allocateUntilSnapshotted(app);
            app.getBean(JdbcClient.class).sql(update).params(payload.getBytes(StandardCharsets.UTF_8), "LAMP").update();
        }

        try (var app = start()) {
            expectTheSameDecisions(apiOf(app));
        }
    }

    private static void allocateUntilSnapshotted(ConfigurableApplicationContext app) throws InterruptedException {
        Api api = apiOf(app);
        api.addBatch("warehouse", "LAMP", 10, null);
        api.addBatch("ship-early", "LAMP", 10, "2030-01-01");
        api.addBatch("ship-late", "LAMP", 10, "2030-02-01");
        for (int i = 0; i < 12; i++) {
            api.allocate("order-" + i, "LAMP", 1);
        }
        api.changeBatchQuantity("warehouse", 5);
        // snapshots are taken in the background, after the command that triggered one has answered
        long deadline = System.currentTimeMillis() + 10_000;
        while (snapshotsOf(app, "LAMP") == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(snapshotsOf(app, "LAMP")).isPositive();
    }

    /** Orders 0 to 4 stay on the shrunken warehouse batch, 5 to 11 were moved to the early shipment. */
    private static void expectTheSameDecisions(Api api) throws InterruptedException {
        assertThat(api.allocate("order-3", "LAMP", 1).json().path("batchref").asText()).isEqualTo("warehouse");
        assertThat(api.allocate("order-9", "LAMP", 1).json().path("batchref").asText()).isEqualTo("ship-early");
        assertThat(api.allocate("order-9", "LAMP", 2).status()).isEqualTo(409);
        assertThat(api.allocate("order-next", "LAMP", 3).json().path("batchref").asText()).isEqualTo("ship-early");
        assertThat(api.allocate("order-big", "LAMP", 5).json().path("batchref").asText()).isEqualTo("ship-late");
        assertThat(AuditSupport.audit(api).path("clean").asBoolean()).isTrue();
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(StockAllocationApplication.class)
                .run(TestUsers.withUsers("--server.port=0", "--stock.data-dir=" + dataDir, "--stock.snapshots.threshold=5"));
    }

    private static Api apiOf(ConfigurableApplicationContext app) {
        return new Api(((WebServerApplicationContext) app).getWebServer().getPort());
    }

    private static long snapshotsOf(ConfigurableApplicationContext app, String sku) {
        return app.getBean(JdbcClient.class).sql("SELECT count(*) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?")
                  .param(sku).query(Long.class).single();
    }
}
