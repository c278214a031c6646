package com.example.stock.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ProductRoutingTest {

    private final Map<String, String> skuOfBatch = Map.of("b1", "RED-CHAIR");
    private final ProductRouting routing =
            new ProductRouting(batchref -> Optional.ofNullable(skuOfBatch.get(batchref)));

    @Test
    void a_batch_is_created_on_the_instance_of_its_sku() {
        assertThat(routing.getRoutingKey(asCommandMessage(new CreateBatch("b2", "RED-CHAIR", 5, null))))
                .isEqualTo("RED-CHAIR");
    }

    @Test
    void a_line_is_allocated_on_the_instance_of_its_sku() {
        assertThat(routing.getRoutingKey(asCommandMessage(new Allocate("o1", "RED-CHAIR", 1)))).isEqualTo("RED-CHAIR");
    }

    @Test
    void a_quantity_change_goes_to_the_instance_of_the_sku_that_owns_the_batch() {
        assertThat(routing.getRoutingKey(asCommandMessage(new ChangeBatchQuantity("b1", 3)))).isEqualTo("RED-CHAIR");
    }

    @Test
    void a_quantity_change_of_an_unknown_batch_is_routed_by_its_reference() {
        assertThat(routing.getRoutingKey(asCommandMessage(new ChangeBatchQuantity("nope", 3)))).isEqualTo("nope");
    }
}
