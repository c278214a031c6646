package com.example.stock.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage;

import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

class ProductOfCommandTest {

    private final ProductOfCommand productOf = new ProductOfCommand();

    @Test
    void an_allocation_and_a_new_batch_are_for_the_product_of_their_sku() {
        assertThat(productOf.resolveTarget(asCommandMessage(new Allocate("o1", "RED-CHAIR", 1))))
                .isEqualTo(new VersionedAggregateIdentifier("RED-CHAIR", null));
        assertThat(productOf.resolveTarget(asCommandMessage(new CreateBatch("b1", "BLUE-LAMP", 5, null))))
                .isEqualTo(new VersionedAggregateIdentifier("BLUE-LAMP", null));
    }

    @Test
    void a_command_naming_no_product_is_refused() {
        assertThatThrownBy(() -> productOf.resolveTarget(asCommandMessage(new ChangeBatchQuantity("b1", 3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ChangeBatchQuantity");
    }
}
