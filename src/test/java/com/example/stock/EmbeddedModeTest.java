package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Without the axonserver profile everything runs in this process, on the H2 file database. */
class EmbeddedModeTest extends EndToEndTest {

    @Autowired
    private ApplicationContext context;

    @Test
    void events_are_stored_in_the_embedded_jdbc_store_and_messages_stay_in_this_process() {
        assertThat(context.getBean(EventStore.class)).isInstanceOf(EmbeddedEventStore.class);
        assertThat(context.getBean(EventStorageEngine.class)).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(context.getBean(CommandBus.class)).isInstanceOf(SimpleCommandBus.class);
        assertThat(context.getBean(QueryBus.class)).isInstanceOf(SimpleQueryBus.class);
        assertThat(jdbc.sql("SELECT DISTINCT processorName FROM TokenEntry").query(String.class).list())
                .contains("products-view", "reallocation-policy");
        assertThat(context.getBeanNamesForType(AxonServerConnectionManager.class)).isEmpty();
    }

    @Test
    void the_data_directory_is_locked_and_the_directory_and_order_lines_are_written_with_the_events() {
        assertThat(context.containsBean("dataDirectoryLock")).isTrue();
        var processors = context.getBean(EventProcessingConfiguration.class);
        for (String subscribing : new String[] {"batch-directory", "order-lines"}) {
            assertThat(processors.eventProcessor(subscribing, EventProcessor.class))
                    .as(subscribing).containsInstanceOf(SubscribingEventProcessor.class);
        }
        assertThat(processors.eventProcessor("batch-directory-rebuild", EventProcessor.class)).isEmpty();
        for (String tracking : new String[] {"products-view", "allocations-view", "reallocation-policy",
                                             "out-of-stock-notifications"}) {
            assertThat(processors.eventProcessor(tracking, EventProcessor.class))
                    .as(tracking).containsInstanceOf(TrackingEventProcessor.class);
        }
    }
}
