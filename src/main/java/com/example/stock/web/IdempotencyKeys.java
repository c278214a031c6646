package com.example.stock.web;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The {@code Idempotency-Key}s seen, each with the fingerprint of its request and, once answered, the answer; in
 * the database, so they outlive a restart. Keys belong to the user who sent them.
 */
@Component
class IdempotencyKeys {

    /** A key claimed by a request that never completed (the process died) is free again after this long. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Duration retention;

    IdempotencyKeys(JdbcClient jdbc, HttpLimits limits) {
        this.jdbc = jdbc;
        this.retention = limits.idempotencyRetention();
    }

    /** What was recorded under a key. {@code status} is null while its first request is still being handled. */
    record Recorded(String fingerprint, Integer status, String contentType, byte[] body, Instant createdAt) {

        boolean isPending() {
            return status == null;
        }
    }

    /** Claims the key for a new request, or answers what is recorded under it already. */
    Optional<Recorded> claim(String user, String key, String fingerprint) {
        try {
            jdbc.sql("INSERT INTO idempotency_keys (username, idem_key, fingerprint, created_at) VALUES (?, ?, ?, ?)")
                .params(user, key, fingerprint, Timestamp.from(Instant.now()))
                .update();
            return Optional.empty();
        } catch (DuplicateKeyException taken) {
            Optional<Recorded> recorded = recorded(user, key);
            if (recorded.isPresent() && recorded.get().isPending()
                    && recorded.get().createdAt().isBefore(Instant.now().minus(ABANDONED_AFTER))) {
                release(user, key);
                return claim(user, key, fingerprint);
            }
            return recorded.isPresent() ? recorded : claim(user, key, fingerprint);
        }
    }

    void complete(String user, String key, int status, String contentType, byte[] body) {
        jdbc.sql("UPDATE idempotency_keys SET status = ?, content_type = ?, body = ? WHERE username = ? AND idem_key = ?")
            .params(status, contentType, body, user, key)
            .update();
    }

    /** Frees a key whose request failed without an answer worth repeating, so a retry runs it again. */
    void release(String user, String key) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE username = ? AND idem_key = ?").params(user, key).update();
    }

    private Optional<Recorded> recorded(String user, String key) {
        return jdbc.sql("""
                        SELECT fingerprint, status, content_type, body, created_at FROM idempotency_keys
                        WHERE username = ? AND idem_key = ?""")
                   .params(user, key)
                   .query((row, n) -> new Recorded(row.getString(1), (Integer) row.getObject(2), row.getString(3),
                                                   row.getBytes(4), row.getTimestamp(5).toInstant()))
                   .optional();
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    void forgetExpired() {
        jdbc.sql("DELETE FROM idempotency_keys WHERE created_at < ?")
            .param(Timestamp.from(Instant.now().minus(retention)))
            .update();
    }
}
