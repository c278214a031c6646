package com.example.stock.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The embedded event store (JDBC on the H2 file database, schema by Flyway), the processors' token store in the
 * same database. Axon's own JDBC auto-configuration is declared before
 * Boot 4's data source is known and so stays off; these beans stand in for it.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    static final String UNIQUE_VIOLATION = "23505";
    /**
     * Events read from the store by one query. A processor at the head gets the few that are new whatever the size;
     * a replay or a catch-up crosses the store in a tenth of the queries that Axon's default of 100 would take.
     */
    private static final int EVENTS_PER_READ = 1_000;
    private static final Duration PASSED_OVER_POSITIONS_INTERVAL = Duration.ofSeconds(1);

    /**
     * On the embedded H2 file, every write but a read model's is stored before whoever made it is answered
     * ({@link DurableCommits}); a database server keeps its own durability.
     */
    @Bean
    static BeanPostProcessor durableCommits() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                        && pool.getJdbcUrl().startsWith("jdbc:h2:file:") ? DurableCommits.of(pool) : bean;
            }
        };
    }

    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /**
     * Snapshots hold an aggregate's state, which is private fields rather than a record's properties: their own
     * mapper reads and writes fields. Kept apart from the events' mapper, whose format is the store's contract.
     * Field names stay plain strings rather than interned in the JVM's string table: a snapshot's maps are keyed by
     * batch references, of which a store holds many (and a big product's first read after a start was measured
     * slower with Jackson's default, see docs/benchmarks.md).
     */
    static Serializer snapshotSerializer() {
        JsonFactory plainNames = JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();
        ObjectMapper fields = new ObjectMapper(plainNames).findAndRegisterModules()
                                                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                                                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                                                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder().objectMapper(fields).build();
    }

    /**
     * Axon's Jackson mapper (Jackson 2; the web layer uses Jackson 3): records as they are, dates as ISO-8601 text,
     * so stored events read well in the history and the feed. Dates stored as arrays by earlier builds still read.
     */
    @Bean
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
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
     * instance at a time. Policies and notifiers pass over most events; where they handled none, their position is
     * written at most once a second (see {@link PassedOverPositions}). Read models' positions are always written:
     * readers on other instances wait for them.
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
        return new PassedOverPositions(tokenStore.build(), processor -> !ProcessingGroups.isView(processor),
                                       PASSED_OVER_POSITIONS_INTERVAL);
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          EventSchema eventSchema) {
        return new EmbeddedEventStorage(
                JdbcEventStorageEngine.builder()
                                      .snapshotSerializer(snapshotSerializer())
                                      .eventSerializer(eventSerializer)
                                      .upcasterChain(configuration.upcasterChain())
                                      .snapshotFilter(configuration.snapshotFilter())
                                      .persistenceExceptionResolver(EventStoreConfiguration::isDuplicateKey)
                                      .connectionProvider(connectionProvider)
                                      .transactionManager(transactionManager)
                                      .schema(eventSchema)
                                      .readEventDataWithGaps(EventStoreConfiguration::readEventDataWithGaps)
                                      .batchSize(EVENTS_PER_READ));
    }

    /**
     * Whether appending failed because the product's next sequence number is taken: another node, or a stale cached
     * copy, got there first, which Axon then reports as a concurrency conflict (and the gateway retries). H2 reports
     * it inside a batch update exception's chain, which Axon's own resolver does not look into.
     */
    static boolean isDuplicateKey(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            for (SQLException sql = cause instanceof SQLException e ? e : null; sql != null; sql = sql.getNextException()) {
                if (sql instanceof SQLIntegrityConstraintViolationException || UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
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
}
