package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import com.example.stock.allocation.Allocated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Another node appends a product's next event while this one holds the product, as of before, in its cache: the
 * command that then loses the race is retried by the framework on the fresh product, and the client sees a 202.
 * Its own store, since the foreign event is written without its chain hash.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConflictRetryTest extends StartedAppTest {

    private static final Path OWN_DATA = temporaryDataDirectory();

    @DynamicPropertySource
    static void ownStore(DynamicPropertyRegistry registry) {
        registry.add("stock.data-dir", OWN_DATA::toString);
    }

    @Test
    void a_command_that_loses_a_race_for_its_product_is_retried_and_succeeds(CapturedOutput output) {
        String sku = unique("sku"), batch = unique("batch");
        api.addBatch(batch, sku, 20, null);
        api.allocate("order-first", sku, 1);
        appendAsAnotherNode(sku, 2, new Allocated("order-elsewhere", sku, 4, batch));

        var answer = api.allocate("order-here", sku, 5);

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().path("batchref").asText()).isEqualTo(batch);
        assertThat(output.getAll()).contains("Processing of Command [Allocate] resulted in an exception. Will retry");
        assertThat(jdbc.sql("SELECT max(sequenceNumber) FROM DomainEventEntry WHERE aggregateIdentifier = ?")
                       .param(sku).query(Long.class).single()).isEqualTo(3);
        assertThat(api.product(sku).json().path("batches").get(0).path("allocated").asInt()).isEqualTo(10);
    }

    private void appendAsAnotherNode(String sku, long sequence, Allocated event) {
        String payload = "{\"orderId\":\"%s\",\"sku\":\"%s\",\"qty\":%d,\"batchref\":\"%s\"}"
                .formatted(event.orderId(), event.sku(), event.qty(), event.batchref());
        jdbc.sql("""
                 INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData,
                                               payload, payloadType, timeStamp)
                 VALUES (?, ?, 'Product', ?, ?, ?, ?, ?)""")
            .params(sku, sequence, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                    payload.getBytes(StandardCharsets.UTF_8), Allocated.class.getName(), Instant.now().toString())
            .update();
    }
}
