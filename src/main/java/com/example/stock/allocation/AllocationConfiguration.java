package com.example.stock.allocation;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AllocationConfiguration implements DisposableBean {

    private final ExecutorService snapshots = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "product-snapshots");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void destroy() {
        snapshots.shutdown();
    }

    /** Keeps products in memory between commands, so a command does not re-read the product's history. */
    @Bean
    Cache productCache(@Value("${stock.products.cached:10000}") int capacity) {
        return new BoundedProductCache(capacity);
    }

    /**
     * Takes snapshots on a thread of its own, after the command that triggered one has answered: a snapshot of a
     * busy product is its whole state, and no client should wait for it.
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                    HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager) {
        return SpringAggregateSnapshotter.builder()
                                         .repositoryProvider(configuration::repository)
                                         .transactionManager(transactionManager)
                                         .eventStore(eventStore)
                                         .parameterResolverFactory(parameterResolverFactory)
                                         .handlerDefinition(handlerDefinition)
                                         .executor(snapshots)
                                         .build();
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
