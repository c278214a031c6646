package com.example.stock.allocation;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * On Axon Server, fills the batch directory from the events in the server: the events outlive the database that
 * holds the directory, and a new or restored database would otherwise not know the batches created before. Runs as
 * a tracking processor from the start of the store; batches the directory already has are left as they are.
 * Embedded, the directory and the events share one database and cannot part, and this is not needed.
 */
@Component
@ProcessingGroup(BatchDirectoryRebuild.PROCESSING_GROUP)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true", matchIfMissing = true)
class BatchDirectoryRebuild {

    static final String PROCESSING_GROUP = "batch-directory-rebuild";

    private static final Logger log = LoggerFactory.getLogger(BatchDirectoryRebuild.class);

    private final JdbcBatchDirectory directory;

    BatchDirectoryRebuild(JdbcBatchDirectory directory) {
        this.directory = directory;
    }

    @EventHandler
    void on(BatchCreated event) {
        String recorded = directory.restore(event);
        if (!recorded.equals(event.sku())) {
            log.error("Batch {} was created for {} but the directory gives it to {}: two products use one reference",
                      event.ref(), event.sku(), recorded);
        }
    }
}
