package com.example.stock.allocation;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AllocationConfiguration {

    /** Keeps products in memory between commands, so a command does not re-read the product's whole history. */
    @Bean
    Cache productCache() {
        return new WeakReferenceCache();
    }

    /** A product is snapshotted every {@code stock.snapshots.threshold} events, so loading one stays short. */
    @Bean
    SnapshotTriggerDefinition productSnapshots(Snapshotter snapshotter,
                                               @Value("${stock.snapshots.threshold:250}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * The batch directory is written in the command's own transaction, and a failure there must fail the
     * command (the default for subscribing handlers would log it and commit the events anyway).
     */
    @Autowired
    void configureBatchDirectory(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(JdbcBatchDirectory.PROCESSING_GROUP)
                  .registerListenerInvocationErrorHandler(JdbcBatchDirectory.PROCESSING_GROUP,
                                                          config -> PropagatingErrorHandler.instance());
    }
}
