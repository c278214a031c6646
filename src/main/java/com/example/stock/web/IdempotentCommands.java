package com.example.stock.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import com.example.stock.shared.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Honours the {@code Idempotency-Key} header on the command endpoints: the first request with a key is handled
 * and its answer recorded; the same key with the same request gets that answer again (status and body) and
 * changes nothing; the same key with another request is refused with 422. Answers of 500 and above are not
 * recorded, so a retry after a failure runs again.
 */
@Component
class IdempotentCommands extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final Set<String> COMMANDS = Set.of("/add_batch", "/allocate", "/change_batch_quantity");

    private final IdempotencyKeys keys;

    IdempotentCommands(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null || !"POST".equals(request.getMethod())
                || !COMMANDS.contains(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            ProblemResponses.write(request, response, 400, "Invalid Idempotency-Key",
                                   "An Idempotency-Key is 1 to 255 visible ASCII characters");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes(); // read whole already (BodySizeLimit): readable again
        String user = request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName();
        String fingerprint = fingerprint(request, body);
        Optional<IdempotencyKeys.Recorded> recorded = keys.claim(user, key, fingerprint);
        if (recorded.isPresent()) {
            answerAgain(request, response, recorded.get(), fingerprint);
            return;
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try {
            chain.doFilter(request, answer);
            if (answer.getStatus() < 500) {
                keys.complete(user, key, answer.getStatus(), answer.getContentType(), answer.getContentAsByteArray());
                completed = true;
            }
        } finally {
            if (!completed) {
                keys.release(user, key);
            }
            answer.copyBodyToResponse();
        }
    }

    private static void answerAgain(HttpServletRequest request, HttpServletResponse response,
                                    IdempotencyKeys.Recorded recorded, String fingerprint) throws IOException {
        if (!recorded.fingerprint().equals(fingerprint)) {
            ProblemResponses.write(request, response, 422, "Idempotency-Key reused",
                                   "This Idempotency-Key was used for another request");
        } else if (recorded.isPending()) {
            ProblemResponses.write(request, response, 409, "Request in progress",
                                   "The first request with this Idempotency-Key is still being handled; retry shortly");
        } else {
            response.setStatus(recorded.status());
            response.setHeader(REPLAYED, "true");
            if (recorded.contentType() != null) {
                response.setContentType(recorded.contentType());
            }
            if (recorded.body() != null) {
                response.getOutputStream().write(recorded.body());
            }
        }
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((request.getMethod() + " " + request.getServletPath() + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
