package com.example.stock.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

import org.axonframework.common.jdbc.ConnectionProvider;
import javax.sql.DataSource;

import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded event store (JDBC on the H2 file database, schema by Flyway), the processors' token store in the
 * same database, and the defaults of every event processor. Axon's own JDBC auto-configuration is declared before
 * Boot 4's data source is known and so stays off; these beans stand in for it.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /** Events, tokens and read models share the database, so one transaction covers a handler and its token. */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    EventSchema eventSchema() {
        return new EventSchema();
    }

    /**
     * Processor positions, in the database of the read models in both modes: a read-model row and the position that
     * covers it commit together. Instances sharing the database share the claims, so each processor runs on one
     * instance at a time.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                          ProcessorProperties properties) {
        JdbcTokenStore.Builder tokenStore = JdbcTokenStore.builder()
                                                          .connectionProvider(connectionProvider)
                                                          .schema(new TokenSchema())
                                                          .serializer(serializer);
        if (properties.nodeId() != null && !properties.nodeId().isBlank()) {
            tokenStore.nodeId(properties.nodeId());
        }
        return tokenStore.build();
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                                     .snapshotSerializer(defaultSerializer)
                                     .eventSerializer(eventSerializer)
                                     .upcasterChain(configuration.upcasterChain())
                                     .snapshotFilter(configuration.snapshotFilter())
                                     .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                                     .connectionProvider(connectionProvider)
                                     .transactionManager(transactionManager)
                                     .schema(eventSchema)
                                     .readEventDataWithGaps(EventStoreConfiguration::readEventDataWithGaps)
                                     .build();
    }

    /**
     * Axon's own statement asks {@code index > ? AND index <= ? OR index IN (gaps)}, which H2 answers by walking the
     * primary key from the start, so every poll would cost the size of the store. Two selects, each an index
     * seek, give the same rows: a gap always lies at or below the token's index, never in the range after it.
     */
    static PreparedStatement readEventDataWithGaps(Connection connection, EventSchema schema, long globalIndex,
                                                   int batchSize, List<Long> gaps) throws SQLException {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        String sql = select + schema.globalIndexColumn() + " > ? AND " + schema.globalIndexColumn() + " <= ?"
                + " UNION ALL " + select + schema.globalIndexColumn()
                + " IN (" + String.join(",", Collections.nCopies(gaps.size(), "?")) + ")"
                + " ORDER BY " + schema.globalIndexColumn() + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }

    /**
     * Processors read in batches, so a busy read model keeps up; a handler that fails makes its processor retry
     * the event rather than skip it, so no read model silently misses an event and no policy drops a command.
     */
    @Autowired
    void configureProcessors(EventProcessingConfigurer processing, ProcessorProperties properties) {
        processing.registerTrackingEventProcessorConfiguration(
                          config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                                                       .andBatchSize(properties.batchSize()))
                  .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance());
    }
}
