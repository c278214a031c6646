package com.example.stock.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.stock.EndToEndTest;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The directory table on the real database of the started app. */
class JdbcBatchDirectoryTest extends EndToEndTest {

    @Autowired
    private JdbcBatchDirectory directory;

    @Test
    void records_a_created_batch_for_its_sku() {
        String ref = unique("batch");

        directory.on(new BatchCreated("RED-CHAIR", ref, 5, null));

        assertThat(directory.skuOf(ref)).contains("RED-CHAIR");
    }

    @Test
    void a_batch_recorded_for_the_same_sku_by_an_earlier_attempt_is_recorded_again_without_complaint() {
        String ref = unique("batch");
        directory.on(new BatchCreated("RED-CHAIR", ref, 5, null));

        directory.on(new BatchCreated("RED-CHAIR", ref, 5, null));

        assertThat(directory.skuOf(ref)).contains("RED-CHAIR");
    }

    @Test
    void rejects_a_reference_recorded_for_another_sku() {
        String ref = unique("batch");
        directory.on(new BatchCreated("RED-CHAIR", ref, 5, null));

        assertThatThrownBy(() -> directory.on(new BatchCreated("BLUE-TABLE", ref, 5, null)))
                .isInstanceOf(CommandExecutionException.class)
                .hasMessage("Batch " + ref + " already exists");
        assertThat(directory.skuOf(ref)).contains("RED-CHAIR");
    }

    @Test
    void a_rebuild_records_batches_it_does_not_know_and_keeps_those_it_knows() {
        String known = unique("batch"), lost = unique("batch");
        directory.on(new BatchCreated("RED-CHAIR", known, 5, null));

        assertThat(directory.restore(new BatchCreated("RED-CHAIR", known, 5, null))).isEqualTo("RED-CHAIR");
        assertThat(directory.restore(new BatchCreated("RED-CHAIR", lost, 5, null))).isEqualTo("RED-CHAIR");
        assertThat(directory.restore(new BatchCreated("BLUE-TABLE", known, 5, null))).isEqualTo("RED-CHAIR");

        assertThat(directory.skuOf(known)).contains("RED-CHAIR");
        assertThat(directory.skuOf(lost)).contains("RED-CHAIR");
    }
}
