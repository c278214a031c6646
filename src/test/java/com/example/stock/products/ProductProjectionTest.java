package com.example.stock.products;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import com.example.stock.allocation.Allocated;
import com.example.stock.allocation.BatchCreated;
import com.example.stock.allocation.BatchQuantityChanged;
import com.example.stock.allocation.Deallocated;
import com.example.stock.shared.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProductProjectionTest {

    private static final String SKU = "RED-CHAIR";
    private static final LocalDate TOMORROW = LocalDate.of(2026, 3, 2);
    private static final LocalDate LATER = LocalDate.of(2026, 3, 20);

    @RegisterExtension
    final MigratedDatabase database = new MigratedDatabase();
    private final ProductProjection projection = new ProductProjection(database.jdbc(), () -> "product_batches_view_a");
    /** The aggregate sequence number the next BatchCreated of {@link #SKU} is stored with. */
    private long sequence;

    private void batchCreated(String ref, int qty, LocalDate eta) {
        projection.on(new BatchCreated(SKU, ref, qty, eta), sequence++);
    }

    private ProductView product() {
        return projection.handle(new FindProduct(SKU)).orElseThrow();
    }

    @Test
    void shows_a_created_batch_with_all_of_it_available() {
        batchCreated("b1", 20, TOMORROW);

        assertThat(projection.handle(new FindProduct(SKU)))
                .contains(new ProductView(SKU, List.of(new BatchView("b1", TOMORROW, 20, 0, 20))));
    }

    @Test
    void lists_warehouse_stock_first_then_by_eta_then_in_the_order_added() {
        batchCreated("late", 10, LATER);
        batchCreated("z-soon", 10, TOMORROW);
        batchCreated("z-warehouse", 10, null);
        batchCreated("a-soon", 10, TOMORROW);
        batchCreated("a-warehouse", 10, null);

        assertThat(product().batches()).extracting(BatchView::ref)
                .containsExactly("z-warehouse", "a-warehouse", "z-soon", "a-soon", "late");
    }

    @Test
    void counts_allocated_lines_against_available() {
        batchCreated("b1", 20, null);
        projection.on(new Allocated("o1", SKU, 5, "b1"));
        projection.on(new Allocated("o2", SKU, 3, "b1"));

        assertThat(product().batches()).containsExactly(new BatchView("b1", null, 20, 8, 12));
    }

    @Test
    void a_deallocated_line_is_available_again() {
        batchCreated("b1", 20, null);
        projection.on(new Allocated("o1", SKU, 5, "b1"));
        projection.on(new Allocated("o2", SKU, 3, "b1"));
        projection.on(new Deallocated("o1", SKU, 5, "b1", "batch b1 reduced to 0"));

        assertThat(product().batches()).containsExactly(new BatchView("b1", null, 20, 3, 17));
    }

    @Test
    void a_quantity_change_sets_purchased_and_available() {
        batchCreated("b1", 20, null);
        projection.on(new Allocated("o1", SKU, 5, "b1"));
        projection.on(new BatchQuantityChanged(SKU, "b1", 8));

        assertThat(product().batches()).containsExactly(new BatchView("b1", null, 8, 5, 3));
    }

    @Test
    void allocations_change_only_their_own_batch() {
        batchCreated("b1", 20, null);
        batchCreated("b2", 10, TOMORROW);
        projection.on(new Allocated("o1", SKU, 4, "b2"));

        assertThat(product().batches()).containsExactly(new BatchView("b1", null, 20, 0, 20),
                                                        new BatchView("b2", TOMORROW, 10, 4, 6));
    }

    @Test
    void shows_only_the_batches_of_the_sku_asked_for() {
        batchCreated("b1", 20, null);
        projection.on(new BatchCreated("BLUE-TABLE", "t1", 5, null), 0);

        assertThat(product().batches()).extracting(BatchView::ref).containsExactly("b1");
    }

    @Test
    void an_unknown_sku_has_no_view() {
        batchCreated("b1", 20, null);

        assertThat(projection.handle(new FindProduct("NO-SUCH-SKU"))).isEmpty();
    }

    @Test
    void reset_empties_the_view() {
        batchCreated("b1", 20, null);
        projection.on(new Allocated("o1", SKU, 5, "b1"));

        projection.reset();

        assertThat(projection.handle(new FindProduct(SKU))).isEmpty();
    }
}
