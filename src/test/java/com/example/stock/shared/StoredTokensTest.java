package com.example.stock.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.stock.EndToEndTest;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The token store read without claiming, on the started app: what another instance would see of these processors. */
class StoredTokensTest extends EndToEndTest {

    @Autowired
    private StoredTokens storedTokens;

    @Autowired
    private EventStore eventStore;

    @Test
    void a_read_model_position_read_from_the_token_store_has_passed_a_command_once_a_read_after_it_is_answered() {
        String sku = unique("sku");
        api.addBatch(unique("batch"), sku, 5, null);
        long head = eventStore.createHeadToken().position().orElseThrow();

        api.product(sku);

        assertThat(storedTokens.of("products-view"))
                .singleElement()
                .satisfies(token -> assertThat(token.position().orElseThrow()).isGreaterThanOrEqualTo(head));
    }

    @Test
    void a_processor_that_has_no_position_has_no_token() {
        assertThat(storedTokens.of("no-such-processor")).isEmpty();
    }
}
