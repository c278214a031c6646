package com.example.stock.allocations;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.stock.allocation.Allocated;
import com.example.stock.allocation.Deallocated;
import com.example.stock.shared.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AllocationsProjectionTest {

    @RegisterExtension
    final MigratedDatabase database = new MigratedDatabase();
    private final AllocationsProjection projection =
            new AllocationsProjection(database.jdbc(), () -> "allocations_view_a");

    @Test
    void lists_the_batch_an_allocated_line_is_in() {
        projection.on(new Allocated("o1", "RED-CHAIR", 10, "b1"));

        assertThat(projection.handle(new FindAllocations("o1")))
                .containsExactly(new OrderAllocation("RED-CHAIR", "b1"));
    }

    @Test
    void a_deallocated_line_is_no_longer_listed() {
        projection.on(new Allocated("o1", "RED-CHAIR", 10, "b1"));
        projection.on(new Deallocated("o1", "RED-CHAIR", 10, "b1", "batch b1 reduced to 0"));

        assertThat(projection.handle(new FindAllocations("o1"))).isEmpty();
    }

    @Test
    void lists_the_lines_of_an_order_on_two_skus_by_sku() {
        projection.on(new Allocated("o1", "RED-CHAIR", 10, "b1"));
        projection.on(new Allocated("o1", "BLUE-TABLE", 1, "b2"));
        projection.on(new Allocated("o2", "RED-CHAIR", 5, "b1"));

        assertThat(projection.handle(new FindAllocations("o1")))
                .containsExactly(new OrderAllocation("BLUE-TABLE", "b2"), new OrderAllocation("RED-CHAIR", "b1"));
    }

    @Test
    void shows_the_new_batch_of_a_reallocated_line() {
        projection.on(new Allocated("o1", "RED-CHAIR", 10, "b1"));
        projection.on(new Deallocated("o1", "RED-CHAIR", 10, "b1", "batch b1 reduced to 0"));
        projection.on(new Allocated("o1", "RED-CHAIR", 10, "b2"));

        assertThat(projection.handle(new FindAllocations("o1")))
                .containsExactly(new OrderAllocation("RED-CHAIR", "b2"));
    }

    @Test
    void deallocating_one_line_keeps_the_other_lines_of_the_order() {
        projection.on(new Allocated("o1", "RED-CHAIR", 10, "b1"));
        projection.on(new Allocated("o1", "BLUE-TABLE", 1, "b2"));
        projection.on(new Deallocated("o1", "RED-CHAIR", 10, "b1", "batch b1 reduced to 0"));

        assertThat(projection.handle(new FindAllocations("o1")))
                .containsExactly(new OrderAllocation("BLUE-TABLE", "b2"));
    }

    @Test
    void an_order_without_allocations_has_an_empty_list() {
        assertThat(projection.handle(new FindAllocations("nobody"))).isEmpty();
    }

    @Test
    void reset_empties_the_view() {
        projection.on(new Allocated("o1", "RED-CHAIR", 10, "b1"));
        projection.on(new Allocated("o2", "BLUE-TABLE", 1, "b2"));

        projection.reset();

        assertThat(projection.handle(new FindAllocations("o1"))).isEmpty();
        assertThat(projection.handle(new FindAllocations("o2"))).isEmpty();
    }
}
