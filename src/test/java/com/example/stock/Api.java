package com.example.stock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A plain HTTP client for the service under test: what a client on the wire sends and sees. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    /** A client signed in as the tests' user of every role. */
    public Api(int port) {
        this(port, TestUsers.TESTER);
    }

    /** A client signed in as {@code user}; null for one that does not sign in. */
    public Api(int port, String user) {
        this(port, user, user == null ? null : TestUsers.passwordOf(user));
    }

    private Api(int port, String user, String password) {
        this.base = "http://localhost:" + port;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The same service, signed in as another user (null: not signed in). */
    public Api as(String user) {
        return new Api(port(), user);
    }

    /** The same service, signing in with the password given. */
    public Api as(String user, String password) {
        return new Api(port(), user, password);
    }

    private int port() {
        return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    }

    public Answer addBatch(String ref, String sku, int qty, String eta) {
        return post("/add_batch", eta == null
                ? "{\"ref\":\"%s\",\"sku\":\"%s\",\"qty\":%d,\"eta\":null}".formatted(ref, sku, qty)
                : "{\"ref\":\"%s\",\"sku\":\"%s\",\"qty\":%d,\"eta\":\"%s\"}".formatted(ref, sku, qty, eta));
    }

    public Answer allocate(String orderid, String sku, int qty) {
        return post("/allocate", "{\"orderid\":\"%s\",\"sku\":\"%s\",\"qty\":%d}".formatted(orderid, sku, qty));
    }

    public Answer changeBatchQuantity(String batchref, int qty) {
        return post("/change_batch_quantity", "{\"batchref\":\"%s\",\"qty\":%d}".formatted(batchref, qty));
    }

    public Answer allocations(String orderid) {
        return get("/allocations/" + orderid);
    }

    public Answer product(String sku) {
        return get("/products/" + sku);
    }

    public Answer post(String path, String body) {
        return post(path, body, "application/json");
    }

    public Answer post(String path, String body, String contentType) {
        return post(path, body, Map.of("Content-Type", contentType));
    }

    /** A POST with the headers given; a JSON content type unless they name another. */
    public Answer post(String path, String body, Map<String, String> headers) {
        return post(path, HttpRequest.BodyPublishers.ofString(body), headers);
    }

    /** A POST of a JSON body whose length is not declared: it is sent in chunks. */
    public Answer postChunked(String path, String body) {
        return post(path, HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(body)), Map.of());
    }

    private Answer post(String path, HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).POST(body);
        if (!headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return send(request);
    }

    public Answer get(String path) {
        return get(path, "application/json, application/problem+json");
    }

    public Answer get(String path, String accept) {
        return get(path, Map.of("Accept", accept));
    }

    /** A GET with the headers given; JSON or a problem accepted unless they name another type. */
    public Answer get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(request::header);
        return send(request);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
            if (built.headers().firstValue("Accept").isEmpty()) {
                built = HttpRequest.newBuilder(built, (name, value) -> true)
                                   .header("Accept", "application/json, application/problem+json").build();
            }
            HttpResponse<String> response = http.send(built,
                                                      HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(),
                              response.headers().firstValue("Content-Type").orElse(""),
                              response.body(), response.headers().map(), built.method() + " " + built.uri());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, content type and body, with the body readable as JSON. */
    public record Answer(int status, String contentType, String body, Map<String, List<String>> headers,
                         String request) {

        public String header(String name) {
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                          .map(header -> header.getValue().get(0)).findFirst().orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json") && json().has("title")
                    && json().path("status").asInt() == status;
        }

        public Map<String, Object> asMap() {
            return JSON.convertValue(json(), Map.class);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
