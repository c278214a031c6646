package com.example.stock.web;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document ({@code /v3/api-docs}, shown by Swagger UI at {@code /swagger-ui.html}). Springdoc reads the
 * controllers; this adds what they do not say: HTTP Basic sign-in, the answers every endpoint shares (401, 403, and
 * for requests with a body 400 and 413), the {@code Idempotency-Key} of the command endpoints with its answers, the
 * {@code X-Correlation-Id} header, and each endpoint's own {@link Problem}s and {@link AnswerExample}, each error with
 * an example problem detail.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String COMMANDS = "Commands";
    static final String READS = "Reads";
    static final String AUDIT = "Audit";
    static final String ADMINISTRATION = "Administration";
    static final String SIGN_IN = "Sign-in";

    private static final String BASIC = "basic";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM = "#/components/schemas/Problem";
    /** Swagger writes the document with Jackson 2, so examples are given to it as Jackson 2 trees. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DESCRIPTION = """
            Allocates customer order lines to batches of stock: warehouse stock first, then the shipment that \
            arrives first. Commands are answered once every read model shows their effect, so a client reads \
            what it wrote.

            Sign in with HTTP Basic. Operators send commands; readers read allocations and products; auditors read \
            histories, past states and the event feed, and run rebuilds and audits.

            Errors are RFC 9457 problem details (`application/problem+json`), except the seed system's \
            `{"message": "Invalid sku X"}` for an allocation of an unknown SKU. Every answer carries an \
            `X-Correlation-Id` header: the caller's own, when it sent a sane one, else a new one; the events a \
            request causes carry it in their metadata as `correlationId`.""";

    @Bean
    OpenAPI stockAllocationApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info().title("Stock allocation service")
                                .version(properties == null ? "development" : properties.getVersion())
                                .description(DESCRIPTION))
                .components(new Components()
                                    .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                                                                   .scheme("basic")
                                                                                   .description("A user of stock.security.users"))
                                    .addSchemas("Problem", problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .tags(List.of(new Tag().name(COMMANDS).description("Change the stock. Role OPERATOR. Answered once "
                                      + "every read model shows the change; safe to send again with an Idempotency-Key."),
                              new Tag().name(READS).description("Allocations and products as they are now. Role READER."),
                              new Tag().name(AUDIT).description("Histories, past states and the global event feed. "
                                      + "Role AUDITOR."),
                              new Tag().name(ADMINISTRATION).description("Processors, online rebuilds of read models, "
                                      + "audit runs, dead letters. Role AUDITOR."),
                              new Tag().name(SIGN_IN).description("Whose credentials these are and their roles. "
                                      + "Any user.")));
    }

    @Bean
    OperationCustomizer sharedAndDocumentedAnswers(HttpLimits limits) {
        return (operation, handler) -> {
            Method method = handler.getMethod();
            String path = examplePath(operation, handler);
            operation.addParametersItem(correlationIdHeader());
            problem(operation, path, 401, "Unauthorized", "Sign in with a user name and password");
            problem(operation, path, 403, "Forbidden", "Your role does not allow this request");
            if (hasBody(handler)) {
                problem(operation, path, 400, "Invalid request", "qty: must be greater than 0",
                        Map.of("errors", List.of(Map.of("field", "qty", "message", "must be greater than 0"))));
                problem(operation, path, 400, "Malformed request body",
                        "Field 'qty' has a missing value or one of the wrong type or format");
                problem(operation, path, 413, "Payload Too Large",
                        "The request body is larger than " + limits.maxBodySize().toBytes() + " bytes");
            }
            if (isCommand(handler)) {
                operation.addParametersItem(idempotencyKeyHeader());
                problem(operation, path, 400, "Invalid Idempotency-Key",
                        "An Idempotency-Key is 1 to 255 visible ASCII characters");
                problem(operation, path, 409, "Request in progress",
                        "The first request with this Idempotency-Key is still being handled; retry shortly");
                problem(operation, path, 422, "Idempotency-Key reused",
                        "This Idempotency-Key was used for another request");
            }
            AnnotatedElementUtils.findMergedRepeatableAnnotations(method, Problem.class)
                                 .forEach(problem -> problem(operation, path, problem.status(), problem.title(),
                                                             problem.detail()));
            AnswerExample example = AnnotatedElementUtils.findMergedAnnotation(method, AnswerExample.class);
            if (example != null) {
                exampleOfSuccess(operation, example.value());
            }
            operation.setResponses(sortedByStatus(operation.getResponses()));
            return operation;
        };
    }

    private static void problem(Operation operation, String path, int status, String title, String detail) {
        problem(operation, path, status, title, detail, Map.of());
    }

    private static void problem(Operation operation, String path, int status, String title, String detail,
                                Map<String, Object> more) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("title", title);
        example.put("status", status);
        example.put("detail", detail);
        example.put("instance", path);
        example.putAll(more);
        ApiResponse response = operation.getResponses().computeIfAbsent(String.valueOf(status), code -> new ApiResponse());
        if (response.getDescription() == null) {
            response.setDescription(title);
        } else if (!response.getDescription().contains(title)) {
            response.setDescription(response.getDescription() + "; " + title);
        }
        if (response.getContent() == null) {
            response.setContent(new Content());
        }
        response.getContent()
                .computeIfAbsent(PROBLEM_JSON, type -> new MediaType().schema(new Schema<>().$ref(PROBLEM)))
                .addExamples(title, new Example().summary(title).value(JSON.valueToTree(example)));
    }

    private static void exampleOfSuccess(Operation operation, String example) {
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2") && response.getContent() != null) {
                response.getContent().forEach((type, media) -> media.setExample(
                        type.contains("json") ? parsed(example) : example));
            }
        });
    }

    private static Object parsed(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An example in ApiExamples is not JSON: " + json, e);
        }
    }

    /** The endpoint's path with the example values of its path variables, as a problem's {@code instance}. */
    private static String examplePath(Operation operation, HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        String path = Objects.requireNonNull(mapping).path()[0];
        for (Parameter parameter : operation.getParameters() == null ? List.<Parameter>of() : operation.getParameters()) {
            if ("path".equals(parameter.getIn()) && parameter.getExample() != null) {
                path = path.replace("{" + parameter.getName() + "}", parameter.getExample().toString());
            }
        }
        return path;
    }

    private static boolean hasBody(HandlerMethod handler) {
        return Arrays.stream(handler.getMethodParameters()).anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
    }

    private static boolean isCommand(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return mapping != null && List.of(mapping.method()).contains(RequestMethod.POST)
                && Arrays.stream(mapping.path()).anyMatch(IdempotentCommands.COMMANDS::contains);
    }

    private static Parameter correlationIdHeader() {
        return new HeaderParameter().name(RequestCorrelation.HEADER).required(false)
                                    .description("Your id for this request, returned in the answer's header and "
                                                         + "recorded on the events it causes; a new one when absent")
                                    .schema(new StringSchema().pattern(RequestCorrelation.SANE_VALUE))
                                    .example("abc-123");
    }

    private static Parameter idempotencyKeyHeader() {
        return new HeaderParameter().name(IdempotentCommands.HEADER).required(false)
                                    .description("Makes the command safe to send again: the same key with the same "
                                                         + "request gets the first answer again (with "
                                                         + IdempotentCommands.REPLAYED + ": true) and changes "
                                                         + "nothing; keys are kept per user for "
                                                         + "stock.http.idempotency-retention")
                                    .schema(new StringSchema().minLength(1).maxLength(255))
                                    .example("3f0c1d52-7a8e-4c8e-9d7b-0b6f3c2a9e41");
    }

    private static Schema<?> problemSchema() {
        Schema<?> fieldError = new ObjectSchema().addProperty("field", new StringSchema())
                                                  .addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("An RFC 9457 problem detail")
                .addProperty("type", new StringSchema().description("about:blank when absent"))
                .addProperty("title", new StringSchema().description("What kind of problem"))
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("What was wrong with this request"))
                .addProperty("instance", new StringSchema().description("The path asked for"))
                .addProperty("errors", new ArraySchema().items(fieldError)
                                                        .description("With a request that failed validation: each field at fault"))
                .required(List.of("title", "status", "detail"));
    }

    private static ApiResponses sortedByStatus(ApiResponses responses) {
        ApiResponses sorted = new ApiResponses();
        responses.keySet().stream().sorted().forEach(status -> sorted.addApiResponse(status, responses.get(status)));
        return sorted;
    }
}
