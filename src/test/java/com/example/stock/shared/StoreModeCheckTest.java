package com.example.stock.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** A database used in one mode is refused in the other, and so are components built for the other. */
class StoreModeCheckTest {

    private final JdbcClient jdbc = freshDatabase();
    private final EventSchema events = new EventSchema();

    @Test
    void a_fresh_database_suits_both_modes() {
        assertThatCode(() -> StoreModeCheck.refuseEmbeddedEvents(jdbc, events)).doesNotThrowAnyException();
        assertThatCode(() -> StoreModeCheck.refuseAxonServerPositions(jdbc)).doesNotThrowAnyException();
    }

    @Test
    void a_database_with_embedded_events_is_refused_on_axon_server() {
        jdbc.sql("""
                 INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, payload,
                                               payloadType, timeStamp)
                 VALUES ('RED-CHAIR', 0, 'Product', ?, X'7B7D', 'com.example.stock.allocation.BatchCreated', 'now')""")
            .param(UUID.randomUUID().toString())
            .update();

        assertThatThrownBy(() -> StoreModeCheck.refuseEmbeddedEvents(jdbc, events))
                .isInstanceOf(RefusedToStart.class)
                .hasMessageContaining("holds the events of the embedded event store (1 of them)");
        assertThatCode(() -> StoreModeCheck.refuseAxonServerPositions(jdbc)).doesNotThrowAnyException();
    }

    @Test
    void a_database_with_positions_in_axon_servers_stream_is_refused_embedded() {
        storeToken(GlobalSequenceTrackingToken.class);

        assertThatThrownBy(() -> StoreModeCheck.refuseAxonServerPositions(jdbc))
                .isInstanceOf(RefusedToStart.class)
                .hasMessageContaining("This database was used on Axon Server");
        assertThatCode(() -> StoreModeCheck.refuseEmbeddedEvents(jdbc, events)).doesNotThrowAnyException();
    }

    @Test
    void positions_in_the_embedded_store_are_fine_embedded() {
        storeToken(GapAwareTrackingToken.class);

        assertThatCode(() -> StoreModeCheck.refuseAxonServerPositions(jdbc)).doesNotThrowAnyException();
    }

    @Test
    void components_built_ahead_of_time_are_refused_on_axon_server() {
        assertThatThrownBy(() -> StoreModeCheck.refuseComponentsBuiltAheadOfTime(true))
                .isInstanceOf(RefusedToStart.class)
                .hasMessageContaining("fixed ahead of time")
                .satisfies(refused -> assertThat(((RefusedToStart) refused).action())
                        .contains("without -Dspring.aot.enabled=true"));
        assertThatCode(() -> StoreModeCheck.refuseComponentsBuiltAheadOfTime(false)).doesNotThrowAnyException();
    }

    private void storeToken(Class<?> tokenType) {
        jdbc.sql("INSERT INTO TokenEntry (processorName, segment, token, tokenType) "
                 + "VALUES ('products-view', 0, X'7B7D', ?)")
            .param(tokenType.getName())
            .update();
    }

    private static JdbcClient freshDatabase() {
        var dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/V1__event_store.sql")).execute(dataSource);
        return JdbcClient.create(dataSource);
    }
}
