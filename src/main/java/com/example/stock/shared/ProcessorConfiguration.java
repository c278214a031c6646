package com.example.stock.shared;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Stream;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;

/** The defaults of every event processor: batches, error handling, dead letters. */
@Configuration(proxyBeanMethods = false)
class ProcessorConfiguration {

    /**
     * Processors read in batches, so a busy read model keeps up. An event a read model or a notifier fails on is
     * parked in the dead-letter queue (in the database), with the later events of the same product, and the
     * processor goes on with the others; auditors list and retry parked events. A policy that fails retries the
     * event in place, so no reallocation is skipped. Nothing is silently dropped.
     */
    @Autowired
    void configureProcessors(EventProcessingConfigurer processing, ProcessorProperties properties,
                             ConnectionProvider connectionProvider, TransactionManager transactionManager,
                             Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                             ListableBeanFactory beans) {
        processing.registerTrackingEventProcessorConfiguration(
                          config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                                                       .andBatchSize(properties.batchSize()))
                  .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance())
                  .registerDeadLetterQueueProvider(group -> ProcessingGroups.parksFailures(group)
                          ? config -> JdbcSequencedDeadLetterQueue.builder()
                                                                  .processingGroup(group)
                                                                  .connectionProvider(connectionProvider)
                                                                  .transactionManager(transactionManager)
                                                                  .schema(DeadLetterSchema.defaultSchema())
                                                                  .genericSerializer(serializer)
                                                                  .eventSerializer(eventSerializer)
                                                                  .build()
                          : null);
        // A read model's commits are left to the service's writer; its processor is named after its group.
        processingGroups(beans).filter(ProcessingGroups::isView).forEach(group -> processing
                .registerTransactionManager(group, config -> ReadModelTransactions.of(transactionManager)));
        // Before each event, a parking group asks whether earlier events of its product are parked (they would have
        // to go first). Remembering which products it parked spares that query while the queue holds nothing else.
        processingGroups(beans).filter(ProcessingGroups::parksFailures).forEach(group -> processing
                .registerDeadLetteringEventHandlerInvokerConfiguration(
                        group, (config, invoker) -> invoker.enableSequenceIdentifierCache()));
    }

    /** The processing groups of the event handlers, read from their annotations without creating the handlers. */
    private static Stream<String> processingGroups(ListableBeanFactory beans) {
        return Arrays.stream(beans.getBeanNamesForAnnotation(ProcessingGroup.class))
                     .map(name -> beans.findAnnotationOnBean(name, ProcessingGroup.class))
                     .filter(Objects::nonNull)
                     .map(ProcessingGroup::value)
                     .distinct();
    }
}
