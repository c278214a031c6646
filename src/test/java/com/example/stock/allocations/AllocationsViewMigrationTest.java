package com.example.stock.allocations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** A database written before the allocations view kept each order's steps keeps what its order timeline held. */
class AllocationsViewMigrationTest {

    /** One connection throughout: H2 checks a constraint with the session that made it, which must stay open. */
    private final SingleConnectionDataSource dataSource =
            new SingleConnectionDataSource("jdbc:h2:mem:" + UUID.randomUUID(), true);
    private final JdbcClient jdbc = JdbcClient.create(dataSource);

    @AfterEach
    void dropDatabase() {
        dataSource.destroy();
    }

    @Test
    void the_order_timelines_active_rows_position_and_parked_events_become_the_allocations_views() {
        migrate("9");
        active("order-timeline-view", "b");
        active("allocations-view", "b");
        timelineStep("order_timeline_view_a", "stale", 1, "allocated", "b0");
        timelineStep("order_timeline_view_b", "o1", 1, "allocated", "b1");
        timelineStep("order_timeline_view_b", "o1", 2, "deallocated", "b1");
        timelineStep("order_timeline_view_b", "o1", 3, "reallocated", "b2");
        jdbc.sql("INSERT INTO allocations_view_b VALUES ('o1', 'RED-CHAIR', 'b2')").update();
        position("allocations-view", "3");
        position("order-timeline-view", "2");
        parked("allocations-view", "from-the-allocations-view");
        parked("order-timeline-view", "from-the-timeline");

        migrate("latest");

        var projection = new AllocationsProjection(jdbc, () -> "allocations_view_a");
        assertThat(projection.handle(new FindAllocations("o1"))).containsExactly(new OrderAllocation("RED-CHAIR", "b2"));
        assertThat(projection.handle(new OrderHistory("o1"))).extracting(OrderEvent::what)
                                                            .containsExactly("allocated", "deallocated", "reallocated");
        assertThat(projection.handle(new OrderHistory("stale"))).as("the inactive generation's rows").isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM read_model_generations").query(Integer.class).single())
                .as("both views start again on generation a").isZero();
        assertThat(jdbc.sql("SELECT processorName || ':' || tokenType FROM TokenEntry").query(String.class).list())
                .containsExactly("allocations-view:2");
        assertThat(jdbc.sql("SELECT processingGroup || ':' || deadLetterIdentifier FROM DeadLetterEntry")
                       .query(String.class).list())
                .containsExactly("allocations-view:from-the-timeline");
    }

    private void migrate(String version) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(version).load().migrate();
    }

    private void active(String readModel, String generation) {
        jdbc.sql("INSERT INTO read_model_generations (read_model, active) VALUES (?, ?)")
            .params(readModel, generation)
            .update();
    }

    private void timelineStep(String table, String orderId, long position, String what, String batchref) {
        jdbc.sql("INSERT INTO " + table + " VALUES (?, ?, CURRENT_TIMESTAMP, 'RED-CHAIR', ?, ?, 10, 'alice', 'c1')")
            .params(orderId, position, what, batchref)
            .update();
    }

    /** A processor's position, told apart here by its token type. */
    private void position(String processor, String tokenType) {
        jdbc.sql("INSERT INTO TokenEntry (processorName, segment, tokenType) VALUES (?, 0, ?)")
            .params(processor, tokenType)
            .update();
    }

    private void parked(String group, String id) {
        jdbc.sql("""
                     INSERT INTO DeadLetterEntry (deadLetterIdentifier, processingGroup, sequenceIdentifier, sequenceIndex,
                         messageType, eventIdentifier, timestamp, payloadType, payload, enqueuedAt)
                     VALUES (?, ?, 'RED-CHAIR', 0, 'event', ?, 'now', 'Allocated', X'00', 'now')""")
            .params(id, group, id)
            .update();
    }
}
