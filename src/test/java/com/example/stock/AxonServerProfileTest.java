package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The axonserver profile's wiring, checked without a server: the service starts when none answers (the connector
 * keeps trying in the background), so which parts are in place can be seen. Running on a real server is
 * {@link AxonServerScenariosTest}. The app is closed after these tests, so its connector stops trying.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE, properties = {
        // the connector and the processors report every failed attempt to reach the server
        "logging.level.io.axoniq.axonserver.connector=off",
        "logging.level.org.axonframework.axonserver.connector=off",
        "logging.level.org.axonframework.eventhandling.TrackingEventProcessor=error"})
@ActiveProfiles("axonserver")
@DirtiesContext
class AxonServerProfileTest {

    private static final Path DATA_DIR = EndToEndTest.temporaryDataDirectory();
    private static final String NO_SERVER = "localhost:" + closedPort();

    @DynamicPropertySource
    static void noServer(DynamicPropertyRegistry registry) {
        registry.add("axon.axonserver.servers", () -> NO_SERVER);
        registry.add("stock.data-dir", DATA_DIR::toString);
    }

    @Autowired
    private ApplicationContext context;

    @Test
    void events_commands_and_queries_go_through_axon_server() {
        assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
        assertThat(context.getBeanNamesForType(EventStorageEngine.class)).isEmpty();
        assertThat(context.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
        assertThat(context.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
    }

    @Test
    void the_server_and_context_come_from_configuration() {
        AxonServerConfiguration server = context.getBean(AxonServerConfiguration.class);

        assertThat(server.getServers()).isEqualTo(NO_SERVER);
        assertThat(server.getContext()).isEqualTo(System.getenv().getOrDefault("AXONSERVER_CONTEXT", "default"));
        assertThat(server.isEventBlockListingEnabled()).as("every processor sees every position").isFalse();
        assertThat(server.isShortcutQueriesToLocalHandlers()).isTrue();
    }

    @Test
    void product_commands_are_routed_by_sku() {
        assertThat(context.getBean(RoutingStrategy.class).getClass().getSimpleName()).isEqualTo("ProductRouting");
    }

    @Test
    void positions_read_models_and_the_batch_directory_stay_in_the_relational_database() {
        assertThat(context.getBean(TokenStore.class).retrieveStorageIdentifier()).isPresent();
        assertThat(context.getBean(JdbcClient.class).sql("SELECT DISTINCT processorName FROM TokenEntry")
                          .query(String.class).list()).contains("__config");
        var processors = context.getBean(EventProcessingConfiguration.class);
        assertThat(processors.eventProcessor("batch-directory", EventProcessor.class))
                .containsInstanceOf(SubscribingEventProcessor.class);
        for (String tracking : new String[] {"products-view", "allocations-view", "reallocation-policy",
                                             "out-of-stock-notifications", "batch-directory-rebuild"}) {
            assertThat(processors.eventProcessor(tracking, EventProcessor.class))
                    .as(tracking).containsInstanceOf(TrackingEventProcessor.class);
        }
        assertThat(context.containsBean("dataDirectoryLock")).as("own H2 file, locked").isTrue();
    }

    @Test
    void while_no_server_answers_every_processor_is_down_in_health_with_the_reason() {
        var processors = (CompositeHealthContributor) context.getBean("eventProcessors");

        Health health = ((HealthIndicator) processors.getContributor("products-view")).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsKey("error");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
