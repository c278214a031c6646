package com.example.stock.allocation;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
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

    /**
     * The product aggregate: cached, snapshotted, and found by the SKU its commands name. Registered here rather than
     * with Axon's {@code @Aggregate}, whose bean definitions live in Axon's packages and name the class: built ahead
     * of time, they would have to see {@link Product}, which stays internal to this module. The snapshot trigger is
     * looked up when Axon builds the aggregate: it needs the snapshotter, which needs Axon's configuration, which is
     * built from this module.
     */
    @Bean
    ConfigurerModule productAggregate(BoundedProductCache productCache,
                                      ObjectProvider<SnapshotTriggerDefinition> productSnapshots,
                                      ProductOfCommand productOfCommand) {
        return configurer -> configurer.configureAggregate(
                AggregateConfigurer.defaultConfiguration(Product.class)
                                   .configureCache(config -> productCache)
                                   .configureSnapshotTrigger(config -> productSnapshots.getObject())
                                   .configureCommandTargetResolver(config -> productOfCommand));
    }

    /** Products for {@link BatchQuantityChanges}, and for the snapshotter, which finds how to create one through it. */
    @Bean
    Repository<Product> productRepository(org.axonframework.config.Configuration configuration) {
        return configuration.repository(Product.class);
    }

    /** Keeps products in memory between commands, so a command does not re-read the product's history. */
    @Bean
    BoundedProductCache productCache(@Value("${stock.products.cached:10000}") int capacity) {
        return new BoundedProductCache(capacity);
    }

    /** What the cache of products holds. */
    @Bean
    MeterBinder productCacheMetrics(BoundedProductCache cache) {
        return registry -> Gauge.builder("stock.products.cached", cache, BoundedProductCache::size)
                                .description("Products kept in memory between commands").register(registry);
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
     * The batch directory and the order lines are written in the command's own transaction, and a failure there
     * must fail the command (the default for subscribing handlers would log it and commit the events anyway).
     */
    @Autowired
    void configureWrittenWithTheEvents(EventProcessingConfigurer processing) {
        for (String group : List.of(JdbcBatchDirectory.PROCESSING_GROUP, JdbcOrderLineRecords.PROCESSING_GROUP)) {
            processing.registerSubscribingEventProcessor(group)
                      .registerListenerInvocationErrorHandler(group, config -> PropagatingErrorHandler.instance());
        }
    }
}
