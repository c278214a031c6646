package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.example.stock.allocation.Allocated;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Audit runs over REST, on an app and store of their own, since these tests damage a read model and alter a stored
 * event on purpose (and put them right again).
 */
class AuditRunTest extends StartedAppTest {

    private static final Path OWN_DATA = temporaryDataDirectory();

    @DynamicPropertySource
    static void ownStore(DynamicPropertyRegistry registry) {
        registry.add("stock.data-dir", OWN_DATA::toString);
    }

    @Test
    void a_clean_store_passes_every_check() throws Exception {
        seedTraffic();

        JsonNode report = AuditSupport.audit(api);

        assertThat(report.path("clean").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("hashChain").asText()).isEqualTo("verified");
        assertThat(report.path("events").asLong()).isEqualTo(storedEvents());
        assertThat(report.path("violations").isEmpty()).isTrue();
        assertThat(report.path("discrepancyCount").asInt()).isZero();
        assertThat(api.get("/admin/audits/" + report.path("id").asText() + "/discrepancies.csv", "text/csv").body())
                .isEqualTo("read_model,key,expected,actual\n");
    }

    @Test
    void a_damaged_read_model_is_reported_and_a_rebuild_repairs_it() throws Exception {
        String sku = seedTraffic();
        jdbc.sql("UPDATE product_batches_view_" + activeGeneration("products-view")
                 + " SET allocated = allocated + 7 WHERE sku = ?").param(sku).update();

        JsonNode damaged = AuditSupport.audit(api);

        assertThat(damaged.path("clean").asBoolean()).isFalse();
        assertThat(damaged.path("discrepancyCount").asInt()).isEqualTo(1);
        assertThat(damaged.path("discrepancies").get(0).path("readModel").asText()).isEqualTo("products-view");
        assertThat(damaged.path("discrepancies").get(0).path("key").asText()).isEqualTo(sku);
        var csv = api.get("/admin/audits/" + damaged.path("id").asText() + "/discrepancies.csv", "text/csv");
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).contains("\"products-view\",\"" + sku + "\"");

        api.post("/admin/read-models/products-view/rebuild", "");
        AuditSupport.awaitFinished(api, "/admin/read-models/products-view/rebuild");

        assertThat(AuditSupport.audit(api).path("clean").asBoolean()).isTrue();
    }

    @Test
    void an_order_line_the_products_decide_on_that_differs_from_the_events_is_reported() throws Exception {
        String sku = seedTraffic();
        var held = jdbc.sql("SELECT orderid, batchref FROM order_line WHERE sku = ? AND freed_as IS NULL LIMIT 1")
                       .param(sku).query().singleRow();
        String order = (String) held.get("ORDERID");
        jdbc.sql("UPDATE order_line SET batchref = 'elsewhere' WHERE sku = ? AND orderid = ?").params(sku, order)
            .update();

        JsonNode damaged = AuditSupport.audit(api);

        assertThat(damaged.path("discrepancyCount").asInt()).isEqualTo(1);
        JsonNode discrepancy = damaged.path("discrepancies").get(0);
        assertThat(discrepancy.path("readModel").asText()).isEqualTo("order-lines");
        assertThat(discrepancy.path("key").asText()).isEqualTo(order + "/" + sku);
        assertThat(discrepancy.path("expected").asText()).isEqualTo(held.get("BATCHREF"));
        assertThat(discrepancy.path("actual").asText()).isEqualTo("elsewhere");

        jdbc.sql("UPDATE order_line SET batchref = ? WHERE sku = ? AND orderid = ?")
            .params(held.get("BATCHREF"), sku, order).update();
        assertThat(AuditSupport.audit(api).path("clean").asBoolean()).isTrue();
    }

    @Test
    void an_event_altered_after_it_was_stored_is_named_by_the_audit() throws Exception {
        String sku = seedTraffic();
        var altered = jdbc.sql("""
                               SELECT globalIndex, sequenceNumber, payload FROM DomainEventEntry
                               WHERE aggregateIdentifier = ? AND payloadType = ? ORDER BY globalIndex LIMIT 1""")
                          .params(sku, Allocated.class.getName())
                          .query((row, n) -> new Object[]{row.getLong(1), row.getLong(2), row.getBytes(3)})
                          .single();
        long position = (long) altered[0];
        byte[] original = (byte[]) altered[2];
        String forged = new String(original, StandardCharsets.UTF_8).replace("\"qty\":4", "\"qty\":1");
        assertThat(forged).isNotEqualTo(new String(original, StandardCharsets.UTF_8));
        try {
            jdbc.sql("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?")
                .params(forged.getBytes(StandardCharsets.UTF_8), position).update();

            JsonNode report = AuditSupport.audit(api);

            assertThat(report.path("clean").asBoolean()).isFalse();
            assertThat(report.path("hashChain").asText()).isEqualTo("1 events do not match their hash");
            assertThat(report.path("violations").path("hash-chain").asInt()).isEqualTo(1);
            JsonNode finding = report.path("firstFindings").get(0);
            assertThat(finding.path("check").asText()).isEqualTo("hash-chain");
            assertThat(finding.path("position").asLong()).isEqualTo(position);
            assertThat(finding.path("sku").asText()).isEqualTo(sku);
            assertThat(finding.path("sequence").asLong()).isEqualTo((long) altered[1]);
            assertThat(finding.path("eventType").asText()).isEqualTo("Allocated");
        } finally {
            jdbc.sql("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?").params(original, position).update();
        }
    }

    @Test
    void a_second_audit_while_one_runs_is_refused_or_runs_after_it() throws Exception {
        var first = api.post("/admin/audits", "");
        var second = api.post("/admin/audits", "");

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isIn(202, 409);
        AuditSupport.awaitFinished(api, "/admin/audits/" + first.json().path("id").asText());
        if (second.status() == 202) {
            AuditSupport.awaitFinished(api, "/admin/audits/" + second.json().path("id").asText());
        }
    }

    @Test
    void an_unknown_audit_run_is_a_404() {
        assertThat(api.get("/admin/audits/20200101T000000-abcd").status()).isEqualTo(404);
        var pathTrick = api.get("/admin/audits/../../etc/report");
        assertThat(pathTrick.status()).isEqualTo(400);
        assertThat(pathTrick.isProblem()).isTrue();
        assertThat(api.get("/admin/audits/20200101T000000-abcd/report").status()).isEqualTo(404);
    }

    /** A product with allocations, a shrunken batch and a reallocation; answers its SKU. */
    private String seedTraffic() {
        String sku = unique("sku"), first = unique("batch"), second = unique("batch");
        api.addBatch(first, sku, 10, null);
        api.addBatch(second, sku, 10, "2030-01-01");
        api.allocate(unique("order"), sku, 4);
        api.allocate(unique("order"), sku, 4);
        api.changeBatchQuantity(first, 5);
        api.allocate(unique("order"), sku, 50);
        return sku;
    }

    private String activeGeneration(String readModel) {
        for (JsonNode processor : api.get("/admin/processors").json()) {
            if (processor.path("name").asText().equals(readModel)) {
                return processor.path("activeGeneration").asText();
            }
        }
        throw new AssertionError("no processor " + readModel);
    }
}
