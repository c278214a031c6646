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
 * <p>
 * On Axon Server the events are stored in the server, right after this transaction commits. Should that fail, the
 * reference stays recorded for its SKU without a batch behind it: a retry of the same command takes it over (the
 * product accepts a reference the directory holds for its own SKU when it has no such batch), other products cannot
 * use it. And a directory in a database that is replaced is filled again from the server's events by
 * {@link BatchDirectoryRebuild}.
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
        if (event.sku().equals(skuOf(event.ref()).orElse(null))) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO batch_directory (batchref, sku) VALUES (?, ?)")
                .params(event.ref(), event.sku())
                .update();
        } catch (DuplicateKeyException e) {
            throw new CommandRejected(Reason.DUPLICATE_BATCH, "Batch " + event.ref() + " already exists");
        }
    }

    /**
     * Records a batch found in the event store, unless the directory has it already.
     *
     * @return the SKU the directory holds for the reference afterwards
     */
    String restore(BatchCreated event) {
        Optional<String> recorded = skuOf(event.ref());
        if (recorded.isPresent()) {
            return recorded.get();
        }
        try {
            jdbc.sql("INSERT INTO batch_directory (batchref, sku) VALUES (?, ?)")
                .params(event.ref(), event.sku())
                .update();
            return event.sku();
        } catch (DuplicateKeyException e) {
            return skuOf(event.ref()).orElseThrow(() -> e);
        }
    }
}
