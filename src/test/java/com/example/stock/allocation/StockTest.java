package com.example.stock.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class StockTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    /** Allocates lines that each fill a whole batch, so the batches are used up in order of preference. */
    private static List<String> batchesInOrderOfUse(Stock stock, int lineQty, int lines) {
        List<String> used = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            OrderLine line = new OrderLine("o" + i, lineQty);
            String ref = stock.batchFor(line).map(Batch::reference).orElse("none");
            if (!ref.equals("none")) {
                stock.allocate(line.qty(), ref);
            }
            used.add(ref);
        }
        return used;
    }

    @Test
    void prefers_warehouse_stock_then_earliest_eta_then_the_batch_added_first() {
        Stock stock = new Stock();
        stock.add("late", 10, TODAY.plusDays(9));
        stock.add("warehouse-1", 10, null);
        stock.add("soon-1", 10, TODAY.plusDays(1));
        stock.add("middle", 10, TODAY.plusDays(5));
        stock.add("warehouse-2", 10, null);
        stock.add("soon-2", 10, TODAY.plusDays(1));

        assertThat(batchesInOrderOfUse(stock, 10, 7))
                .containsExactly("warehouse-1", "warehouse-2", "soon-1", "soon-2", "middle", "late", "none");
    }

    @Test
    void finds_no_batch_when_none_has_enough_available() {
        Stock stock = new Stock();
        stock.add("b1", 10, null);
        stock.allocate(6, "b1");

        assertThat(stock.batchFor(new OrderLine("o2", 5))).isEmpty();
        assertThat(stock.batchFor(new OrderLine("o2", 4))).map(Batch::reference).contains("b1");
    }

    @Test
    void a_deallocated_line_gives_its_quantity_back_to_its_batch() {
        Stock stock = new Stock();
        stock.add("b1", 10, null);
        stock.allocate(6, "b1");

        stock.deallocate(6, "b1");

        assertThat(stock.batch("b1")).map(Batch::available).contains(10);
    }

    @Test
    void available_is_purchased_minus_allocated_lines() {
        Batch batch = new Batch("b1", 10, null, 0);
        batch.allocate(3);
        batch.allocate(4);

        assertThat(batch.available()).isEqualTo(3);

        batch.changePurchasedQuantity(5);

        assertThat(batch.available()).isEqualTo(-2);
    }

    @Test
    void lines_to_free_are_the_most_recent_first_and_stop_once_enough_is_freed() {
        Batch batch = new Batch("b1", 10, null, 0);
        batch.allocate(2);
        batch.allocate(3);
        batch.allocate(4);
        List<OrderLine> newestFirst = List.of(new OrderLine("o3", 4), new OrderLine("o2", 3), new OrderLine("o1", 2));

        assertThat(batch.linesToFreeFor(9, newestFirst)).isEmpty();
        assertThat(batch.linesToFreeFor(5, newestFirst)).containsExactly(new OrderLine("o3", 4));
        assertThat(batch.linesToFreeFor(4, newestFirst))
                .containsExactly(new OrderLine("o3", 4), new OrderLine("o2", 3));
        assertThat(batch.linesToFreeFor(0, newestFirst))
                .containsExactly(new OrderLine("o3", 4), new OrderLine("o2", 3), new OrderLine("o1", 2));
    }

    @Test
    void lines_to_free_are_read_no_further_than_needed() {
        Batch batch = new Batch("b1", 10, null, 0);
        batch.allocate(10);
        List<OrderLine> read = new ArrayList<>();
        Iterable<OrderLine> newestFirst = () -> Stream.iterate(1, i -> i + 1)
                                                      .map(i -> new OrderLine("o" + i, 1))
                                                      .peek(read::add)
                                                      .iterator();

        assertThat(batch.linesToFreeFor(8, newestFirst)).hasSize(2);
        assertThat(read).hasSize(2);
    }
}
