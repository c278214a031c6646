package com.example.stock.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.example.stock.allocation.Allocated;
import com.example.stock.allocation.Deallocated;
import com.example.stock.shared.AuditTrail;
import com.example.stock.shared.MigratedDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OrderTimelineProjectionTest {

    @RegisterExtension
    final MigratedDatabase database = new MigratedDatabase();
    private final OrderTimelineProjection projection =
            new OrderTimelineProjection(database.jdbc(), () -> "order_timeline_view_a");

    @Test
    void tells_an_allocation_after_a_deallocation_of_the_line_as_a_reallocation() {
        Allocated first = new Allocated("o1", "RED-CHAIR", 10, "b1");
        Deallocated freed = new Deallocated("o1", "RED-CHAIR", 10, "b1", "batch b1 reduced to 0");
        Allocated again = new Allocated("o1", "RED-CHAIR", 10, "b2");
        projection.on(first, message(first), at(1));
        projection.on(freed, message(freed), at(2));
        projection.on(again, message(again), at(3));

        assertThat(projection.handle(new OrderHistory("o1"))).extracting(OrderEvent::what)
                                                            .containsExactly("allocated", "deallocated", "reallocated");
    }

    /** An event committed after a later one is handed over with that one's position. */
    @Test
    void keeps_both_steps_of_an_order_on_two_products_at_one_position() {
        Allocated chair = new Allocated("o1", "RED-CHAIR", 10, "b1");
        Allocated lamp = new Allocated("o1", "LAMP", 1, "b9");
        projection.on(chair, message(chair), at(7));
        projection.on(lamp, message(lamp), at(7));

        assertThat(projection.handle(new OrderHistory("o1"))).extracting(OrderEvent::sku)
                                                            .containsExactly("LAMP", "RED-CHAIR");
    }

    @Test
    void an_event_handled_again_is_still_one_step() {
        Allocated chair = new Allocated("o1", "RED-CHAIR", 10, "b1");
        EventMessage<?> message = message(chair);
        projection.on(chair, message, at(7));
        projection.on(chair, message, at(7));

        assertThat(projection.handle(new OrderHistory("o1"))).hasSize(1);
    }

    private static TrackingToken at(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    private static EventMessage<?> message(Object event) {
        return GenericEventMessage.asEventMessage(event).withMetaData(MetaData.from(
                Map.of(AuditTrail.USER, "alice", AuditTrail.CORRELATION_ID, UUID.randomUUID().toString())));
    }
}
