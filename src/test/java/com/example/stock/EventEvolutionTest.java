package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

/**
 * A store written by an earlier build, when {@code Deallocated} had no reason (revision 1), read by this one:
 * the upcaster fills the reason in, the product, its order lines and the read models build from it, and its hash
 * chain holds.
 * The fixture {@code stores/revision-1.sql} is the event store of that build after two allocations and a
 * reduced batch, exported row by row.
 */
class EventEvolutionTest {

    private final Path dataDir = EndToEndTest.temporaryDataDirectory();

    @Test
    void a_store_written_with_revision_1_events_is_read_upcast_and_still_verifies() throws Exception {
        start().close();
        loadRevision1Store();

        try (var app = start()) {
            Api api = new Api(((WebServerApplicationContext) app).getWebServer().getPort());

            JsonNode history = api.get("/products/REV1-LAMP/history").json().path("events");
            assertThat(history.findValuesAsText("type")).containsExactly(
                    "BatchCreated", "BatchCreated", "Allocated", "Allocated", "BatchQuantityChanged",
                    "Deallocated", "Deallocated", "Allocated", "Allocated");
            assertThat(history.get(5).path("payload").path("reason").asText()).isEqualTo("batch quantity reduced");
            assertThat(history.get(1).path("payload").path("eta").asText()).isEqualTo("2026-03-01");

            assertThat(api.allocate("order-after-upgrade", "REV1-LAMP", 1).json().path("batchref").asText())
                    .isEqualTo("rev1-warehouse");
            // the lines of the old store were filled in from its events: allocating one again changes nothing
            assertThat(history.get(7).path("payload").path("orderId").asText()).isEqualTo("rev1-order-2");
            int order2Qty = history.get(7).path("payload").path("qty").asInt();
            assertThat(api.allocate("rev1-order-2", "REV1-LAMP", order2Qty).json().path("batchref").asText())
                    .isEqualTo("rev1-warehouse");
            assertThat(api.allocate("rev1-order-2", "REV1-LAMP", order2Qty + 1).status()).isEqualTo(409);
            assertThat(api.get("/products/REV1-LAMP/history").json().path("events").size()).isEqualTo(10);
            assertThat(api.allocations("rev1-order-1").json().get(0).path("batchref").asText()).isEqualTo("rev1-shipment");
            assertThat(api.allocations("rev1-order-2").json().get(0).path("batchref").asText()).isEqualTo("rev1-warehouse");

            api.changeBatchQuantity("rev1-warehouse", 0);
            assertThat(app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                          .sql("SELECT DISTINCT payloadRevision FROM DomainEventEntry WHERE payloadType LIKE '%Deallocated' AND globalIndex > 9")
                          .query(String.class).list()).containsExactly("2");

            JsonNode report = AuditSupport.audit(api);
            assertThat(report.path("clean").asBoolean()).as(report.toString()).isTrue();
            assertThat(report.path("hashChain").asText()).isEqualTo("verified");
        }
    }

    private void loadRevision1Store() throws Exception {
        String script = new ClassPathResource("stores/revision-1.sql").getContentAsString(StandardCharsets.UTF_8);
        try (Connection database = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("stock"), "sa", "");
             Statement statement = database.createStatement()) {
            for (String insert : script.split(";\\s*\\n")) {
                if (!insert.isBlank()) {
                    statement.executeUpdate(insert);
                }
            }
            // the identity goes on after the imported events, as it did in the store they came from
            statement.executeUpdate("ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex RESTART WITH 10");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(StockAllocationApplication.class)
                .run(TestUsers.withUsers("--server.port=0", "--stock.data-dir=" + dataDir));
    }
}
