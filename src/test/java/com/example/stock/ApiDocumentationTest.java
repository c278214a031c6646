package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The OpenAPI document describes every endpoint the service serves, with its errors and examples, to anyone. */
class ApiDocumentationTest extends EndToEndTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void lists_every_endpoint_of_the_service_with_a_summary_and_its_error_answers() {
        JsonNode paths = apiDocs().path("paths");

        List<String> endpoints = endpointsServed();
        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(17);
        for (String endpoint : endpoints) {
            String method = endpoint.substring(0, endpoint.indexOf(' ')).toLowerCase(Locale.ROOT);
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            JsonNode operation = paths.path(path).path(method);
            assertThat(operation.isObject()).as(endpoint + " is documented").isTrue();
            assertThat(operation.path("summary").asText()).as(endpoint + " says what it does").isNotBlank();
            List<String> errors = new ArrayList<>();
            operation.path("responses").fieldNames().forEachRemaining(status -> {
                if (status.startsWith("4")) {
                    errors.add(status);
                }
            });
            assertThat(errors).as(endpoint + " documents its 4xx answers").contains("401", "403");
        }
    }

    @Test
    void gives_an_example_of_every_successful_answer_with_a_body_and_of_every_error() {
        apiDocs().path("paths").forEach(path -> path.forEach(operation -> operation.path("responses").fields()
                .forEachRemaining(response -> response.getValue().path("content").fields().forEachRemaining(media -> {
                    String what = operation.path("operationId").asText() + " " + response.getKey() + " " + media.getKey();
                    assertThat(media.getValue().has("example") || media.getValue().has("examples"))
                            .as(what + " has an example").isTrue();
                }))));
    }

    @Test
    void shows_errors_as_problem_details_except_the_seed_systems_invalid_sku() {
        JsonNode allocate = apiDocs().path("paths").path("/allocate").path("post").path("responses");

        JsonNode invalidSku = allocate.path("400").path("content").path("application/json").path("examples");
        assertThat(invalidSku.path("Invalid sku").path("value").path("message").asText()).isEqualTo("Invalid sku NOPE");
        JsonNode conflict = allocate.path("409").path("content").path("application/problem+json");
        assertThat(conflict.path("schema").path("$ref").asText()).isEqualTo("#/components/schemas/Problem");
        JsonNode example = conflict.path("examples").path("Order line already allocated").path("value");
        assertThat(example.path("status").asInt()).isEqualTo(409);
        assertThat(example.path("instance").asText()).isEqualTo("/allocate");
    }

    @Test
    void documents_sign_in_the_idempotency_key_of_commands_and_the_correlation_id() {
        JsonNode docs = apiDocs();

        assertThat(docs.path("components").path("securitySchemes").path("basic").path("scheme").asText()).isEqualTo("basic");
        assertThat(docs.path("security").get(0).has("basic")).isTrue();
        for (String command : List.of("/add_batch", "/allocate", "/change_batch_quantity")) {
            JsonNode operation = docs.path("paths").path(command).path("post");
            assertThat(operation.path("parameters").findValuesAsText("name"))
                    .as(command).contains("Idempotency-Key", "X-Correlation-Id");
            assertThat(operation.path("responses").has("422")).as(command).isTrue();
            String body = operation.path("requestBody").path("content").path("application/json").path("schema")
                                   .path("$ref").asText().replace("#/components/schemas/", "");
            docs.path("components").path("schemas").path(body).path("properties").fields().forEachRemaining(
                    property -> assertThat(property.getValue().has("example")).as(body + "." + property.getKey()).isTrue());
        }
    }

    @Test
    void swagger_ui_is_served_without_signing_in() {
        var page = api.as(null).get("/swagger-ui/index.html", "text/html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
    }

    private JsonNode apiDocs() {
        var answer = api.as(null).get("/v3/api-docs");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    /** "METHOD /path" for every handler method of the service's own controllers. */
    private List<String> endpointsServed() {
        List<String> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((mapping, handler) -> {
            if (handler.getBeanType().getPackageName().startsWith("com.example.stock")) {
                for (String path : mapping.getPatternValues()) {
                    mapping.getMethodsCondition().getMethods()
                           .forEach(method -> endpoints.add(method.name() + " " + path));
                }
            }
        });
        return endpoints;
    }
}
