package com.example.stock;

import static com.example.stock.TestUsers.AUDITOR_ONLY;
import static com.example.stock.TestUsers.OPERATOR_ONLY;
import static com.example.stock.TestUsers.READER_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint: no credentials 401, a role that does not allow it 403, the role that does succeeds. */
class AccessControlTest extends EndToEndTest {

    private static final List<String> EVERY_ROLE = List.of(OPERATOR_ONLY, READER_ONLY, AUDITOR_ONLY);

    /** An endpoint, the one role that may call it, and the call (against data made in {@link #someData()}). */
    record Endpoint(String name, String role, int success, Function<Api, Api.Answer> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static String sku;
    private static String batch;
    private static String order;
    private static String auditId;

    @BeforeEach
    void someData() throws InterruptedException {
        if (sku == null) {
            sku = unique("sku");
            batch = unique("batch");
            order = unique("order");
            api.addBatch(batch, sku, 1_000, null);
            api.allocate(order, sku, 1);
            auditId = AuditSupport.audit(api).path("id").asText();
        }
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint("POST /add_batch", OPERATOR_ONLY, 201, api -> api.addBatch(unique("batch"), sku, 1, null)),
                new Endpoint("POST /allocate", OPERATOR_ONLY, 202, api -> api.allocate(unique("order"), sku, 1)),
                new Endpoint("POST /change_batch_quantity", OPERATOR_ONLY, 202, api -> api.changeBatchQuantity(batch, 1_000)),
                new Endpoint("GET /allocations/{orderid}", READER_ONLY, 200, api -> api.allocations(order)),
                new Endpoint("GET /products/{sku}", READER_ONLY, 200, api -> api.product(sku)),
                new Endpoint("GET /products/{sku}?asOf", AUDITOR_ONLY, 200,
                             api -> api.get("/products/" + sku + "?asOf=" + Instant.now())),
                new Endpoint("GET /products/{sku}/history", AUDITOR_ONLY, 200, api -> api.get("/products/" + sku + "/history")),
                new Endpoint("GET /allocations/{orderid}/history", AUDITOR_ONLY, 200,
                             api -> api.get("/allocations/" + order + "/history")),
                new Endpoint("GET /events", AUDITOR_ONLY, 200, api -> api.get("/events?limit=5")),
                new Endpoint("GET /admin/processors", AUDITOR_ONLY, 200, api -> api.get("/admin/processors")),
                new Endpoint("POST /admin/read-models/{name}/rebuild", AUDITOR_ONLY, 202,
                             api -> startedAndFinished(api, "/admin/read-models/order-timeline-view/rebuild")),
                new Endpoint("GET /admin/read-models/{name}/rebuild", AUDITOR_ONLY, 200,
                             api -> api.get("/admin/read-models/order-timeline-view/rebuild")),
                new Endpoint("POST /admin/audits", AUDITOR_ONLY, 202, api -> startedAndFinished(api, "/admin/audits")),
                new Endpoint("GET /admin/audits/{id}", AUDITOR_ONLY, 200, api -> api.get("/admin/audits/" + auditId)),
                new Endpoint("GET /admin/audits/{id}/report", AUDITOR_ONLY, 200,
                             api -> api.get("/admin/audits/" + auditId + "/report")),
                new Endpoint("GET /admin/audits/{id}/discrepancies.csv", AUDITOR_ONLY, 200,
                             api -> api.get("/admin/audits/" + auditId + "/discrepancies.csv", "text/csv, application/problem+json")),
                new Endpoint("GET /actuator/info", AUDITOR_ONLY, 200, api -> api.get("/actuator/info")),
                new Endpoint("GET /actuator/prometheus", AUDITOR_ONLY, 200,
                             api -> api.get("/actuator/prometheus", "text/plain, application/problem+json")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void without_credentials_is_a_401_problem(Endpoint endpoint) {
        var answer = endpoint.call().apply(api.as(null));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.isProblem()).as(answer.toString()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void with_a_role_that_does_not_allow_it_is_a_403_problem(Endpoint endpoint) {
        for (String user : EVERY_ROLE) {
            if (!user.equals(endpoint.role())) {
                var answer = endpoint.call().apply(api.as(user));

                assertThat(answer.status()).as(user + ": " + answer).isEqualTo(403);
                assertThat(answer.isProblem()).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void with_the_role_that_allows_it_succeeds(Endpoint endpoint) {
        var answer = endpoint.call().apply(api.as(endpoint.role()));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(endpoint.success());
    }

    @Test
    void health_is_public() {
        assertThat(api.as(null).get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void a_wrong_password_is_a_401() {
        var answer = api.as(OPERATOR_ONLY, "not-the-password").allocate(unique("order"), sku, 1);

        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void the_signed_in_user_is_recorded_on_the_events_their_command_caused() {
        String ownOrder = unique("order");
        api.as(OPERATOR_ONLY).allocate(ownOrder, sku, 1);

        var history = api.get("/allocations/" + ownOrder + "/history").json();

        assertThat(history.get(0).path("user").asText()).isEqualTo(OPERATOR_ONLY);
    }

    private static Api.Answer startedAndFinished(Api api, String path) {
        var started = api.post(path, "");
        if (started.status() == 202) {
            String status = started.json().has("id") ? path + "/" + started.json().path("id").asText() : path;
            try {
                AuditSupport.awaitFinished(api, status);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return started;
    }
}
