package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.stock.allocation.Allocate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A client that reads right after its command got a 2xx sees the command's effect, with no sleep: a read of a read
 * model waits until the read models have handled everything committed before it was asked.
 */
class ReadYourWritesTest extends EndToEndTest {

    @Autowired
    private CommandGateway commandGateway;

    @Test
    void two_hundred_rounds_of_allocate_then_read_never_miss() {
        String sku = unique("sku"), ref = unique("batch");
        api.addBatch(ref, sku, 1_000, null);
        int misses = 0;

        for (int round = 1; round <= 200; round++) {
            String order = unique("order");
            assertThat(api.allocate(order, sku, 1).status()).isEqualTo(202);
            var allocations = api.allocations(order);
            var product = api.product(sku).json().path("batches").get(0);
            if (allocations.status() != 200 || product.path("allocated").asInt() != round) {
                misses++;
            }
        }

        assertThat(misses).isZero();
    }

    @Test
    void a_batch_is_readable_right_after_it_was_added() {
        for (int round = 0; round < 50; round++) {
            String sku = unique("sku");
            assertThat(api.addBatch(unique("batch"), sku, 5, null).status()).isEqualTo(201);
            assertThat(api.product(sku).status()).isEqualTo(200);
        }
    }

    @Test
    void a_reallocation_is_readable_right_after_the_quantity_change() {
        for (int round = 0; round < 20; round++) {
            String sku = unique("sku"), first = unique("batch"), second = unique("batch"), order = unique("order");
            api.addBatch(first, sku, 10, null);
            api.addBatch(second, sku, 10, "2030-01-01");
            api.allocate(order, sku, 10);

            assertThat(api.changeBatchQuantity(first, 9).status()).isEqualTo(202);

            assertThat(api.allocations(order).json().get(0).path("batchref").asText()).isEqualTo(second);
        }
    }

    @Test
    void a_read_shows_a_command_that_did_not_come_over_http_and_so_was_never_waited_for() {
        for (int round = 0; round < 50; round++) {
            String sku = unique("sku"), order = unique("order");
            api.addBatch(unique("batch"), sku, 5, null);

            commandGateway.sendAndWait(new Allocate(order, sku, 2));

            assertThat(api.allocations(order).status()).isEqualTo(200);
            assertThat(api.product(sku).json().path("batches").get(0).path("allocated").asInt()).isEqualTo(2);
        }
    }
}
