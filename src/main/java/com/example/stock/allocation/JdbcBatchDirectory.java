package com.example.stock.allocation;

import java.util.Optional;

import com.example.stock.allocation.Rejection.Reason;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The batch directory as a table written by a subscribing handler, in the same transaction that stores the
 * {@link BatchCreated} event. Its primary key settles a race between two products claiming the same reference:
 * the second transaction fails and stores nothing.
 */
@Component
@ProcessingGroup(JdbcBatchDirectory.PROCESSING_GROUP)
class JdbcBatchDirectory implements BatchDirectory {

    static final String PROCESSING_GROUP = "batch-directory";

    private final JdbcClient jdbc;

    JdbcBatchDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> skuOf(String batchref) {
        return jdbc.sql("SELECT sku FROM batch_directory WHERE batchref = ?")
                   .param(batchref)
                   .query(String.class)
                   .optional();
    }

    @EventHandler
    void on(BatchCreated event) {
        try {
            jdbc.sql("INSERT INTO batch_directory (batchref, sku) VALUES (?, ?)")
                .params(event.ref(), event.sku())
                .update();
        } catch (DuplicateKeyException e) {
            throw new CommandRejected(Reason.DUPLICATE_BATCH, "Batch " + event.ref() + " already exists");
        }
    }
}
