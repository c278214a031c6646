package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.example.stock.allocation.Allocated;
import com.example.stock.allocation.BatchCreated;
import org.junit.jupiter.api.Test;

/** A retried command with the same Idempotency-Key never acts twice. */
class IdempotencyTest extends EndToEndTest {

    @Test
    void the_same_key_and_body_again_answers_the_first_answer_without_new_events() {
        String sku = unique("sku"), ref = unique("batch"), key = unique("key");
        String body = "{\"ref\":\"%s\",\"sku\":\"%s\",\"qty\":10,\"eta\":null}".formatted(ref, sku);

        var first = api.post("/add_batch", body, Map.of("Idempotency-Key", key));
        var retry = api.post("/add_batch", body, Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(storedEvents(sku, BatchCreated.class)).isEqualTo(1);
    }

    @Test
    void a_replayed_allocation_answers_the_same_body() {
        String sku = unique("sku"), key = unique("key");
        api.addBatch(unique("batch"), sku, 10, null);
        String body = "{\"orderid\":\"%s\",\"sku\":\"%s\",\"qty\":3}".formatted(unique("order"), sku);

        var first = api.post("/allocate", body, Map.of("Idempotency-Key", key));
        var retry = api.post("/allocate", body, Map.of("Idempotency-Key", key));

        assertThat(retry.status()).isEqualTo(first.status()).isEqualTo(202);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(storedEvents(sku, Allocated.class)).isEqualTo(1);
    }

    @Test
    void a_recorded_rejection_is_answered_again_too() {
        String key = unique("key");
        String body = "{\"batchref\":\"%s\",\"qty\":3}".formatted(unique("batch"));

        var first = api.post("/change_batch_quantity", body, Map.of("Idempotency-Key", key));
        var retry = api.post("/change_batch_quantity", body, Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(404);
        assertThat(retry.status()).isEqualTo(404);
        assertThat(retry.body()).isEqualTo(first.body());
    }

    @Test
    void the_same_key_with_another_body_is_a_422_problem_and_changes_nothing() {
        String sku = unique("sku"), key = unique("key");
        api.post("/add_batch", "{\"ref\":\"%s\",\"sku\":\"%s\",\"qty\":10}".formatted(unique("batch"), sku),
                 Map.of("Idempotency-Key", key));

        var other = api.post("/add_batch", "{\"ref\":\"%s\",\"sku\":\"%s\",\"qty\":10}".formatted(unique("batch"), sku),
                             Map.of("Idempotency-Key", key));

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.isProblem()).isTrue();
        assertThat(storedEvents(sku, BatchCreated.class)).isEqualTo(1);
    }

    @Test
    void keys_belong_to_their_user() {
        String sku = unique("sku"), key = unique("key");
        api.addBatch(unique("batch"), sku, 10, null);

        var mine = api.post("/allocate", "{\"orderid\":\"a-%s\",\"sku\":\"%s\",\"qty\":1}".formatted(key, sku),
                            Map.of("Idempotency-Key", key));
        var theirs = api.as(TestUsers.OPERATOR_ONLY).post(
                "/allocate", "{\"orderid\":\"b-%s\",\"sku\":\"%s\",\"qty\":1}".formatted(key, sku),
                Map.of("Idempotency-Key", key));

        assertThat(mine.status()).isEqualTo(202);
        assertThat(theirs.status()).isEqualTo(202);
        assertThat(storedEvents(sku, Allocated.class)).isEqualTo(2);
    }

    @Test
    void a_key_that_is_not_visible_ascii_is_a_400_problem() {
        var answer = api.post("/allocate", "{}", Map.of("Idempotency-Key", "x".repeat(300)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
    }

    @Test
    void a_body_over_the_limit_is_a_413_problem_whether_its_length_is_declared_or_it_comes_in_chunks() {
        String huge = "{\"orderid\":\"" + "o".repeat(70_000) + "\",\"sku\":\"s\",\"qty\":1}";

        var declared = api.post("/allocate", huge);
        var chunked = api.postChunked("/allocate", huge);

        for (var answer : List.of(declared, chunked)) {
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.isProblem()).isTrue();
        }
    }

    @Test
    void a_chunked_body_within_the_limit_is_read_whole() {
        String sku = unique("sku");
        api.addBatch(unique("batch"), sku, 10, null);

        var answer = api.postChunked("/allocate", "{\"orderid\":\"%s\",\"sku\":\"%s\",\"qty\":3}".formatted(unique("order"), sku));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(storedEvents(sku, Allocated.class)).isEqualTo(1);
    }
}
