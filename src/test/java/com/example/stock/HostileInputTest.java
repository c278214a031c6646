package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * Over a thousand generated malformed or hostile requests against every endpoint: each is answered with a 4xx
 * problem detail, none with a 500, and the event store is unchanged afterwards.
 */
class HostileInputTest extends EndToEndTest {

    private static final String[] HOSTILE_TEXT = {
            "", " ", "   leading", "'; DROP TABLE DomainEventEntry; --", "1 OR 1=1", "\" OR \"\"=\"",
            "../../etc/passwd", "..\\\\..\\\\windows", "%2e%2e%2f", "a/b", "a\\u0000b", "\\u202Eevil", "zero\\u200Bwidth",
            "e\\u0301", "😀", "\\ud800", "<script>alert(1)</script>", "${jndi:ldap://x}", "a\\nb", "a\\tb",
            "x".repeat(101), "*", "?", "&", "=", "'", "\"", "a;b", "a,b", "a|b"};
    private static final String[] HOSTILE_DATES = {
            "\"2026-13-01\"", "\"2026-02-30\"", "\"yesterday\"", "\"\"", "1", "true", "[]", "\"2026-01-01T00:00:00Z\"",
            "\"'; DROP TABLE x; --\""};
    private static final String[] HOSTILE_BODIES = {
            "", " ", "null", "[]", "\"text\"", "42", "{", "}", "{]", "{\"a\":}", "{\"orderid\":\"o\",}", "\u0000",
            "{\"orderid\":\"o\" \"sku\":\"s\"}", "[".repeat(2_000) + "]".repeat(2_000)};

    private final Random random = new Random(20261123);
    private final List<String> refused = new ArrayList<>();
    private int sent;

    @Test
    void a_thousand_hostile_requests_are_each_a_4xx_problem_and_store_nothing() {
        String knownSku = unique("sku"), knownBatch = unique("batch");
        api.addBatch(knownBatch, knownSku, 100, null);
        long before = storedEvents();

        for (int round = 0; round < 40; round++) {
            addBatch(knownSku);
            allocate(knownSku);
            changeBatchQuantity(knownBatch);
            reads();
            admin();
            wrongTransport();
        }

        assertThat(sent).isGreaterThanOrEqualTo(1_000);
        assertThat(refused).as("answers that were not a 4xx problem").isEmpty();
        assertThat(storedEvents()).isEqualTo(before);
    }

    private void addBatch(String knownSku) {
        String ref = "\"" + unique("batch") + "\"", sku = "\"" + knownSku + "\"";
        expect4xx(() -> api.post("/add_batch", batch(text(), sku, "5", "null")));
        expect4xx(() -> api.post("/add_batch", batch(ref, text(), "5", "null")));
        expect4xx(() -> api.post("/add_batch", batch(ref, sku, invalidQuantity(), "null")));
        expect4xx(() -> api.post("/add_batch", batch(ref, sku, "5", pick(HOSTILE_DATES))));
        expect4xx(() -> api.post("/add_batch", pick(HOSTILE_BODIES)));
    }

    private void allocate(String knownSku) {
        String order = "\"" + unique("order") + "\"", sku = "\"" + knownSku + "\"";
        expect4xx(() -> api.post("/allocate", allocation(text(), sku, "1")));
        expect4xx(() -> api.post("/allocate", allocation(order, text(), "1")));
        expect4xx(() -> api.post("/allocate", allocation(order, sku, invalidQuantity())));
        expect4xx(() -> api.post("/allocate", pick(HOSTILE_BODIES)));
        expect4xx(() -> api.post("/allocate", allocation(order, sku, "1"), Map.of("Idempotency-Key", "bad key " + sent)));
    }

    private void changeBatchQuantity(String knownBatch) {
        expect4xx(() -> api.post("/change_batch_quantity", "{\"batchref\":%s,\"qty\":3}".formatted(text())));
        expect4xx(() -> api.post("/change_batch_quantity",
                                 "{\"batchref\":\"%s\",\"qty\":%s}".formatted(knownBatch, negativeOrNotANumber())));
        expect4xx(() -> api.post("/change_batch_quantity", pick(HOSTILE_BODIES)));
    }

    private void reads() {
        String id = pathSegment();
        expect4xx(() -> api.get("/allocations/" + id));
        expect4xx(() -> api.get("/products/" + id));
        expect4xx(() -> api.get("/products/" + id + "/history?page=" + pick("-1", "x", "0") + "&size=" + pick("0", "1001", "x")));
        expect4xx(() -> api.get("/allocations/" + id + "/history"));
        expect4xx(() -> api.get("/products/" + id + "?asOf=" + pick("yesterday", "2026-13-01T00:00:00Z", "1", "%00")));
        expect4xx(() -> api.get("/events?after=" + pick("-5", "x", "1e3", "%27") + "&limit=" + pick("0", "100000", "-1", "x")));
    }

    private void admin() {
        String id = pathSegment();
        expect4xx(() -> api.post("/admin/read-models/" + id + "/rebuild", ""));
        expect4xx(() -> api.get("/admin/read-models/" + id + "/rebuild"));
        expect4xx(() -> api.get("/admin/audits/" + id));
        expect4xx(() -> api.get("/admin/audits/" + id + "/report"));
    }

    private void wrongTransport() {
        String valid = allocation("\"o\"", "\"s\"", "1");
        expect4xx(() -> api.post("/allocate", valid, pick("text/plain", "application/xml", "application/x-www-form-urlencoded",
                                                           "multipart/form-data; boundary=x", "application/octet-stream")));
        expect4xx(() -> api.post("/allocate", valid, Map.of("Content-Type", "")));
        expect4xx(() -> api.post("/add_batch", "{\"ref\":\"" + "r".repeat(1_048_576) + "\"}"));
        expect4xx(() -> api.get(pick("/allocate", "/add_batch", "/change_batch_quantity")));
        expect4xx(() -> api.get("/" + pathSegment()));
    }

    private void expect4xx(Supplier<Api.Answer> request) {
        Api.Answer answer = request.get();
        sent++;
        if (answer.status() < 400 || answer.status() >= 500 || !answer.isProblem()) {
            refused.add(answer.status() + " " + answer.body().substring(0, Math.min(200, answer.body().length()))
                        + " to " + answer.request());
        }
    }

    private static String batch(String ref, String sku, String qty, String eta) {
        return "{\"ref\":%s,\"sku\":%s,\"qty\":%s,\"eta\":%s}".formatted(ref, sku, qty, eta);
    }

    private static String allocation(String orderid, String sku, String qty) {
        return "{\"orderid\":%s,\"sku\":%s,\"qty\":%s}".formatted(orderid, sku, qty);
    }

    /** A JSON value that is no valid identifier: a hostile string, or no string at all. */
    private String text() {
        return random.nextInt(4) == 0
                ? pick("0", "-1", "1e10", "1.5", "true", "false", "null", "[]", "{}", "[\"a\"]", "{\"a\":1}")
                : "\"" + pick(HOSTILE_TEXT) + "\"";
    }

    /** A JSON value that is no positive whole number. */
    private String invalidQuantity() {
        return pick("0", "-1", "-2147483648", "2147483648", "99999999999999999999", "1e10", "1.5", "\"5\"", "\"\"",
                    "true", "null", "[]", "{}", "\"NaN\"", "-0.5");
    }

    private String negativeOrNotANumber() {
        return pick("-1", "-2147483648", "2147483648", "1.5", "\"5\"", "null", "[]", "{}", "false", "1e3");
    }

    /** An identifier for a URL path: unknown, hostile, or a path trick, URL-encoded. */
    private String pathSegment() {
        return switch (random.nextInt(4)) {
            case 0 -> unique("unknown");
            case 1 -> pick("..", "%2e%2e", "%2F", "%252F", "a;b", "%00", ".%2e", "%5C", "x//y");
            default -> URLEncoder.encode(pick(HOSTILE_TEXT).replace("\\\\", "\\"), StandardCharsets.UTF_8).replace("+", "%20");
        };
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
