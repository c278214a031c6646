package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The packaged service is killed with SIGKILL while clients allocate from several threads, then started again on
 * the same data: every allocation that was answered with a 2xx has its event in the store (the last of them often
 * from the commands' log), and every read model equals what a fresh replay of the store gives (the audit finds no
 * discrepancy).
 */
class CrashSafetyIT {

    private static final int CLIENTS = 6;
    private static final int PRODUCTS = 20;

    private final Path dataDir = EndToEndTest.temporaryDataDirectory();
    private final AtomicInteger sent = new AtomicInteger();
    /** Order id to what the answer said: the batch, or "out_of_stock". */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

    @Test
    void nothing_acknowledged_is_lost_when_the_process_is_killed_mid_load() throws Exception {
        try (RunningJar service = RunningJar.start(dataDir)) {
            Api api = service.api();
            for (int product = 0; product < PRODUCTS; product++) {
                api.addBatch("warehouse-" + product, "sku-" + product, 300, null);
                api.addBatch("shipment-" + product, "sku-" + product, 300, "2030-01-01");
            }
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int client = 0; client < CLIENTS; client++) {
                int id = client;
                clients.execute(() -> allocateUntilRefused(api, id));
            }
            Thread.sleep(4_000);
            service.kill();
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        try (RunningJar service = RunningJar.start(dataDir)) {
            Api api = service.api();
            awaitReadModelsCaughtUp(api);
            Map<String, String> stored = storedOutcomes(api);
            long found = acknowledged.entrySet().stream()
                                     .filter(order -> order.getValue().equals(stored.get(order.getKey())))
                                     .count();
            // whether the last of them were in the commands' log only depends on when the kill fell between two stores
            System.out.printf("crash safety: sent %d, acknowledged %d, found %d; %s%n", sent.get(), acknowledged.size(),
                              found, appliedFromTheLog(service.output()));

            assertThat(acknowledged).hasSizeGreaterThan(100);
            assertThat(found).isEqualTo(acknowledged.size());
            for (String order : acknowledged.keySet().stream().limit(200).toList()) {
                if (!acknowledged.get(order).equals("out_of_stock")) {
                    assertThat(api.allocations(order).json().get(0).path("batchref").asText())
                            .isEqualTo(acknowledged.get(order));
                }
            }
            JsonNode audit = AuditSupport.audit(api);
            assertThat(audit.path("clean").asBoolean()).as(audit.toString()).isTrue();
        }
    }

    private static String appliedFromTheLog(String output) {
        Matcher applied = Pattern.compile("Applied (\\d+) transactions from the commands' log").matcher(output);
        return applied.find() ? applied.group(1) + " applied from the commands' log" : "none from the commands' log";
    }

    private void allocateUntilRefused(Api api, int client) {
        for (int i = 0; ; i++) {
            String order = "order-" + client + "-" + i;
            sent.incrementAndGet();
            try {
                Api.Answer answer = api.allocate(order, "sku-" + (i % PRODUCTS), 1 + i % 3);
                if (answer.status() / 100 == 2) {
                    JsonNode outcome = answer.json();
                    acknowledged.put(order, outcome.has("batchref") ? outcome.path("batchref").asText() : "out_of_stock");
                }
            } catch (RuntimeException connectionLost) {
                return;
            }
        }
    }

    private static void awaitReadModelsCaughtUp(Api api) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            boolean caughtUp = true;
            for (JsonNode processor : api.get("/admin/processors").json()) {
                if (processor.path("name").asText().endsWith("-view") && processor.path("lag").asLong(1) > 0) {
                    caughtUp = false;
                }
            }
            if (caughtUp) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("read models did not catch up after the restart");
    }

    /** Each order's last allocation outcome in the store, read from the event feed. */
    private static Map<String, String> storedOutcomes(Api api) {
        Map<String, String> outcomes = new HashMap<>();
        Long after = null;
        while (true) {
            JsonNode page = api.get("/events?limit=1000" + (after == null ? "" : "&after=" + after)).json();
            for (JsonNode event : page.path("events")) {
                JsonNode payload = event.path("payload");
                switch (event.path("type").asText()) {
                    case "Allocated" -> outcomes.put(payload.path("orderId").asText(), payload.path("batchref").asText());
                    case "OutOfStock" -> outcomes.put(payload.path("orderId").asText(), "out_of_stock");
                    default -> { }
                }
            }
            if (page.path("events").isEmpty()) {
                return outcomes;
            }
            after = page.path("next").asLong();
        }
    }

}
