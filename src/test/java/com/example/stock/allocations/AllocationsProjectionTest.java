package com.example.stock.allocations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.example.stock.allocation.Allocated;
import com.example.stock.allocation.Deallocated;
import com.example.stock.allocation.OutOfStock;
import com.example.stock.shared.AuditTrail;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class AllocationsProjectionTest {

    private JdbcClient jdbc;
    private AllocationsProjection projection;
    private long position;

    @BeforeEach
    void setUp() {
        var dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        projection = new AllocationsProjection(jdbc, () -> "allocations_view_a");
    }

    @AfterEach
    void dropDatabase() {
        jdbc.sql("SHUTDOWN").update();
    }

    @Test
    void lists_the_batch_an_allocated_line_is_in() {
        handle(new Allocated("o1", "RED-CHAIR", 10, "b1"));

        assertThat(projection.handle(new FindAllocations("o1")))
                .containsExactly(new OrderAllocation("RED-CHAIR", "b1"));
    }

    @Test
    void a_deallocated_line_is_no_longer_listed() {
        handle(new Allocated("o1", "RED-CHAIR", 10, "b1"));
        handle(new Deallocated("o1", "RED-CHAIR", 10, "b1", "batch b1 reduced to 0"));

        assertThat(projection.handle(new FindAllocations("o1"))).isEmpty();
    }

    @Test
    void a_line_out_of_stock_after_its_deallocation_is_not_listed() {
        handle(new Allocated("o1", "RED-CHAIR", 10, "b1"));
        handle(new Deallocated("o1", "RED-CHAIR", 10, "b1", "batch b1 reduced to 0"));
        handle(new OutOfStock("o1", "RED-CHAIR", 10));

        assertThat(projection.handle(new FindAllocations("o1"))).isEmpty();
    }

    @Test
    void lists_the_lines_of_an_order_on_two_skus_by_sku() {
        handle(new Allocated("o1", "RED-CHAIR", 10, "b1"));
        handle(new Allocated("o1", "BLUE-TABLE", 1, "b2"));
        handle(new Allocated("o2", "RED-CHAIR", 5, "b1"));

        assertThat(projection.handle(new FindAllocations("o1")))
                .containsExactly(new OrderAllocation("BLUE-TABLE", "b2"), new OrderAllocation("RED-CHAIR", "b1"));
    }

    @Test
    void shows_the_new_batch_of_a_reallocated_line() {
        handle(new Allocated("o1", "RED-CHAIR", 10, "b1"));
        handle(new Deallocated("o1", "RED-CHAIR", 10, "b1", "batch b1 reduced to 0"));
        handle(new Allocated("o1", "RED-CHAIR", 10, "b2"));

        assertThat(projection.handle(new FindAllocations("o1")))
                .containsExactly(new OrderAllocation("RED-CHAIR", "b2"));
    }

    @Test
    void deallocating_one_line_keeps_the_other_lines_of_the_order() {
        handle(new Allocated("o1", "RED-CHAIR", 10, "b1"));
        handle(new Allocated("o1", "BLUE-TABLE", 1, "b2"));
        handle(new Deallocated("o1", "RED-CHAIR", 10, "b1", "batch b1 reduced to 0"));

        assertThat(projection.handle(new FindAllocations("o1")))
                .containsExactly(new OrderAllocation("BLUE-TABLE", "b2"));
    }

    @Test
    void an_order_without_allocations_has_an_empty_list_and_no_history() {
        assertThat(projection.handle(new FindAllocations("nobody"))).isEmpty();
        assertThat(projection.handle(new OrderHistory("nobody"))).isEmpty();
    }

    @Test
    void lists_every_allocated_line_of_every_order_for_an_audit() {
        handle(new Allocated("o1", "RED-CHAIR", 10, "b1"));
        handle(new Allocated("o1", "BLUE-TABLE", 1, "b2"));
        handle(new Allocated("o2", "RED-CHAIR", 5, "b1"));
        handle(new Deallocated("o2", "RED-CHAIR", 5, "b1", "batch b1 reduced to 10"));
        handle(new Deallocated("o1", "RED-CHAIR", 10, "b1", "batch b1 reduced to 10"));
        handle(new Allocated("o1", "RED-CHAIR", 10, "b3"));

        assertThat(projection.handle(new FindAllAllocations()))
                .containsExactlyInAnyOrder(new LineAllocation("o1", "RED-CHAIR", "b3"),
                                           new LineAllocation("o1", "BLUE-TABLE", "b2"));
    }

    @Test
    void tells_the_order_history_step_by_step_with_an_allocation_after_a_deallocation_as_a_reallocation() {
        handle(new Allocated("o1", "RED-CHAIR", 10, "b1"));
        handle(new OutOfStock("o1", "LAMP", 2));
        handle(new Allocated("o1", "LAMP", 2, "b9"));
        handle(new Deallocated("o1", "RED-CHAIR", 10, "b1", "batch b1 reduced to 0"));
        handle(new Allocated("o1", "RED-CHAIR", 10, "b2"));
        handle(new Allocated("o2", "RED-CHAIR", 1, "b2"));

        var history = projection.handle(new OrderHistory("o1"));

        assertThat(history).extracting(OrderEvent::what)
                           .containsExactly("allocated", "out_of_stock", "allocated", "deallocated", "reallocated");
        assertThat(history).extracting(OrderEvent::batchref).containsExactly("b1", null, "b9", "b1", "b2");
        assertThat(history).extracting(OrderEvent::position).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(history).extracting(OrderEvent::user).containsOnly("alice");
        assertThat(history).extracting(OrderEvent::correlationId).doesNotContainNull();
    }

    @Test
    void an_event_handled_again_is_still_one_step() {
        EventMessage<?> allocated = message(new Allocated("o1", "RED-CHAIR", 10, "b1"));
        TrackingToken at = new GlobalSequenceTrackingToken(7);

        projection.on((Allocated) allocated.getPayload(), allocated, at);
        projection.on((Allocated) allocated.getPayload(), allocated, at);

        assertThat(projection.handle(new OrderHistory("o1"))).hasSize(1);
        assertThat(projection.handle(new FindAllocations("o1")))
                .containsExactly(new OrderAllocation("RED-CHAIR", "b1"));
    }

    /** An event committed after a later one is handed over with that one's position. */
    @Test
    void events_of_other_products_at_one_position_are_each_a_step() {
        TrackingToken at = new GlobalSequenceTrackingToken(7);
        projection.on(new Allocated("o1", "RED-CHAIR", 10, "b1"), message(new Allocated("o1", "RED-CHAIR", 10, "b1")), at);
        projection.on(new Allocated("o1", "LAMP", 1, "b9"), message(new Allocated("o1", "LAMP", 1, "b9")), at);
        projection.on(new Allocated("o2", "LAMP", 1, "b9"), message(new Allocated("o2", "LAMP", 1, "b9")), at);

        assertThat(projection.handle(new FindAllocations("o1")))
                .containsExactly(new OrderAllocation("LAMP", "b9"), new OrderAllocation("RED-CHAIR", "b1"));
        assertThat(projection.handle(new OrderHistory("o1"))).extracting(OrderEvent::sku)
                                                            .containsExactly("LAMP", "RED-CHAIR");
        assertThat(projection.handle(new FindAllocations("o2"))).containsExactly(new OrderAllocation("LAMP", "b9"));
    }

    @Test
    void reset_empties_the_view() {
        handle(new Allocated("o1", "RED-CHAIR", 10, "b1"));
        handle(new Allocated("o2", "BLUE-TABLE", 1, "b2"));

        projection.reset();

        assertThat(projection.handle(new FindAllocations("o1"))).isEmpty();
        assertThat(projection.handle(new OrderHistory("o2"))).isEmpty();
    }

    /** Hands the projection an event as the processor would: the next position, sent by alice. */
    private void handle(Object event) {
        EventMessage<?> message = message(event);
        TrackingToken token = new GlobalSequenceTrackingToken(++position);
        if (event instanceof Allocated allocated) {
            projection.on(allocated, message, token);
        } else if (event instanceof Deallocated deallocated) {
            projection.on(deallocated, message, token);
        } else {
            projection.on((OutOfStock) event, message, token);
        }
    }

    private static EventMessage<?> message(Object event) {
        return GenericEventMessage.asEventMessage(event).withMetaData(
                MetaData.from(Map.of(AuditTrail.USER, "alice", AuditTrail.CORRELATION_ID, UUID.randomUUID().toString())));
    }
}
