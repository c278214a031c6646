package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import com.example.stock.allocation.Allocated;
import com.example.stock.allocation.BatchCreated;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many clients at once, on the started app: one decision per line, no batch ever over-allocated. */
class ConcurrencyTest extends EndToEndTest {

    private final ExecutorService clients = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void the_same_order_line_sent_by_eight_clients_at_once_is_allocated_exactly_once() throws Exception {
        String sku = unique("sku"), order = unique("order");
        api.addBatch(unique("batch"), sku, 100, null);

        List<Api.Answer> answers = atOnce(8, client -> api.allocate(order, sku, 5));

        assertThat(answers).extracting(Api.Answer::status).containsOnly(202);
        assertThat(answers).extracting(answer -> answer.json().path("batchref").asText()).hasSize(8).containsOnly(
                answers.get(0).json().path("batchref").asText());
        assertThat(storedEvents(sku, Allocated.class)).isEqualTo(1);
        assertThat(api.product(sku).json().path("batches").get(0).path("allocated").asInt()).isEqualTo(5);
    }

    @Test
    void eight_clients_allocating_different_orders_on_one_hot_sku_never_over_allocate() throws Exception {
        String sku = unique("hot");
        api.addBatch(unique("batch"), sku, 150, null);
        api.addBatch(unique("batch"), sku, 100, "2030-01-01");
        int ordersPerClient = 40;

        List<List<Api.Answer>> answers = atOnce(8, client -> {
            List<Api.Answer> own = new ArrayList<>();
            for (int i = 0; i < ordersPerClient; i++) {
                own.add(api.allocate("order-" + client + "-" + i + "-" + sku, sku, 1));
            }
            return own;
        });

        List<Api.Answer> all = answers.stream().flatMap(List::stream).toList();
        assertThat(all).extracting(Api.Answer::status).containsOnly(202);
        long allocated = all.stream().filter(answer -> answer.json().has("batchref")).count();
        assertThat(allocated).isEqualTo(250);
        assertThat(storedEvents(sku, Allocated.class)).isEqualTo(250);
        api.product(sku).json().path("batches").forEach(batch -> {
            assertThat(batch.path("available").asInt()).isZero();
            assertThat(batch.path("allocated").asInt()).isEqualTo(batch.path("purchased").asInt());
        });
    }

    @Test
    void one_batch_reference_claimed_by_eight_products_at_once_is_created_once() throws Exception {
        String ref = unique("batch");

        List<Api.Answer> answers = atOnce(8, client -> api.addBatch(ref, "product-" + client + "-" + ref, 10, null));

        assertThat(answers).extracting(Api.Answer::status).containsOnly(201, 409).containsOnlyOnce(201);
        assertThat(jdbc.sql("SELECT count(*) FROM DomainEventEntry WHERE payloadType = ? AND aggregateIdentifier LIKE ?")
                       .params(BatchCreated.class.getName(), "product-%-" + ref)
                       .query(Long.class).single()).isEqualTo(1);
    }

    /** Runs {@code n} clients that start at the same moment and waits for all of their answers. */
    private <T> List<T> atOnce(int n, IntFunction<T> client) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            futures.add(clients.submit((Callable<T>) () -> {
                start.await();
                return client.apply(id);
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
