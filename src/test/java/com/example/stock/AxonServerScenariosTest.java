package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The main scenarios on a real Axon Server, with two instances of the service started as the axonserver profile
 * starts them, sharing one read-model database (in memory, in this process), driven over HTTP: a client writes
 * through one instance and reads through the other.
 * <p>
 * Runs when the environment variable {@code AXONSERVER_ADDRESS} gives the {@code host:port} of a server's gRPC port
 * (usually 8124) and the server answers there; skipped otherwise, saying why. The server keeps the events of earlier
 * runs: names are fresh in every run, and the instances' processors first read what is already stored.
 */
@ExtendWith({AxonServerScenariosTest.ServerReachable.class, OutputCaptureExtension.class})
class AxonServerScenariosTest {

    static final String ADDRESS_VARIABLE = "AXONSERVER_ADDRESS";

    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static Api a;
    private static Api b;

    @BeforeAll
    static void startTwoInstances() {
        String database = "jdbc:h2:mem:stock-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        nodeA = start("node-a", database);
        nodeB = start("node-b", database);
        a = apiOf(nodeA);
        b = apiOf(nodeB);
    }

    @AfterAll
    static void stop() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    private static ConfigurableApplicationContext start(String name, String database) {
        return new SpringApplicationBuilder(StockAllocationApplication.class)
                .profiles("axonserver")
                .run("--server.port=0",
                     "--axon.axonserver.servers=" + System.getenv(ADDRESS_VARIABLE),
                     "--axon.axonserver.client-id=" + name + "-" + UUID.randomUUID(),
                     "--stock.processors.node-id=" + name,
                     "--spring.datasource.url=" + database,
                     "--stock.data-dir=" + EndToEndTest.temporaryDataDirectory(),
                     // the first reads wait until the processors have read the events of earlier runs
                     "--stock.read-your-writes.timeout=60s");
    }

    @Test
    void a_batch_added_through_one_instance_is_allocated_and_read_through_the_other() {
        String sku = unique("sku"), batch = unique("batch"), order = unique("order");

        assertThat(a.addBatch(batch, sku, 10, null).status()).isEqualTo(201);
        var allocated = b.allocate(order, sku, 3);

        assertThat(allocated.status()).isEqualTo(202);
        assertThat(allocated.json().path("batchref").asText()).isEqualTo(batch);
        assertThat(b.allocations(order).json().get(0).path("batchref").asText()).isEqualTo(batch);
        assertThat(a.allocations(order).json().get(0).path("batchref").asText()).isEqualTo(batch);
        JsonNode product = a.product(sku).json().path("batches").get(0);
        assertThat(product.path("allocated").asInt()).as("each event handled once").isEqualTo(3);
        assertThat(product.path("available").asInt()).isEqualTo(7);
    }

    @Test
    void a_batch_reference_taken_through_one_instance_is_refused_through_the_other() {
        String batch = unique("batch");
        assertThat(a.addBatch(batch, unique("sku"), 10, null).status()).isEqualTo(201);

        assertThat(b.addBatch(batch, unique("sku"), 10, null).status()).isEqualTo(409);
        assertThat(a.addBatch(batch, unique("sku"), 10, null).status()).isEqualTo(409);
    }

    @Test
    void a_shrunken_batch_moves_its_line_to_another_batch_whichever_instance_is_asked() {
        String sku = unique("sku"), warehouse = unique("batch"), shipment = unique("batch"), order = unique("order");
        a.addBatch(warehouse, sku, 10, null);
        a.addBatch(shipment, sku, 10, "2030-01-31");
        assertThat(a.allocate(order, sku, 8).json().path("batchref").asText()).isEqualTo(warehouse);

        assertThat(b.changeBatchQuantity(warehouse, 5).status()).isEqualTo(202);

        assertThat(b.allocations(order).json().get(0).path("batchref").asText()).isEqualTo(shipment);
        JsonNode batches = a.product(sku).json().path("batches");
        assertThat(batches.get(0).path("ref").asText()).isEqualTo(warehouse);
        assertThat(batches.get(0).path("purchased").asInt()).isEqualTo(5);
        assertThat(batches.get(0).path("allocated").asInt()).isEqualTo(0);
        assertThat(batches.get(1).path("allocated").asInt()).isEqualTo(8);
    }

    @Test
    void an_unknown_sku_is_refused_with_the_seed_systems_message() {
        String sku = unique("sku");

        var answer = b.allocate(unique("order"), sku, 1);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("message").asText()).isEqualTo("Invalid sku " + sku);
    }

    @Test
    void an_unknown_batch_is_not_found() {
        assertThat(a.changeBatchQuantity(unique("batch"), 1).status()).isEqualTo(404);
    }

    @Test
    void an_out_of_stock_order_is_told_once_though_two_instances_run(CapturedOutput output) throws Exception {
        String sku = unique("sku");
        a.addBatch(unique("batch"), sku, 1, null);

        assertThat(b.allocate(unique("order"), sku, 2).json().path("status").asText()).isEqualTo("out_of_stock");

        String told = "Out of stock for " + sku;
        long deadline = System.currentTimeMillis() + 10_000;
        while (!output.getAll().contains(told) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(2_000);
        assertThat(output.getAll().split(told, -1)).as("mentions of the mail").hasSize(2);
    }

    private static String unique(String prefix) {
        return EndToEndTest.unique(prefix);
    }

    private static Api apiOf(ConfigurableApplicationContext app) {
        return new Api(((WebServerApplicationContext) app).getWebServer().getPort());
    }

    /** Runs the scenarios only when a server answers at the address given; otherwise says why they are skipped. */
    static final class ServerReachable implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String address = System.getenv(ADDRESS_VARIABLE);
            if (address == null || address.isBlank()) {
                return skipped(ADDRESS_VARIABLE + " is not set. To run these scenarios against an Axon Server, set "
                               + "it to host:port of the server's gRPC port, e.g. " + ADDRESS_VARIABLE
                               + "=localhost:8124");
            }
            if (!answers(address)) {
                return skipped("no Axon Server answers at " + ADDRESS_VARIABLE + "=" + address);
            }
            return ConditionEvaluationResult.enabled("Axon Server at " + address);
        }

        private static ConditionEvaluationResult skipped(String reason) {
            System.out.println("SKIPPED AxonServerScenariosTest: " + reason);
            return ConditionEvaluationResult.disabled(reason);
        }

        private static boolean answers(String address) {
            String first = address.split(",")[0].trim();
            int colon = first.lastIndexOf(':');
            String host = colon < 0 ? first : first.substring(0, colon);
            int port = colon < 0 ? 8124 : Integer.parseInt(first.substring(colon + 1));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 2_000);
                return true;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        }
    }
}
