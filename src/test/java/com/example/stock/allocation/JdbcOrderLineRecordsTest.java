package com.example.stock.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.example.stock.EndToEndTest;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/** The table of order lines on the real database of the started app, written by the commands that use it. */
class JdbcOrderLineRecordsTest extends EndToEndTest {

    @Autowired
    private JdbcOrderLineRecords lines;
    @Autowired
    private ObjectProvider<EventStore> eventStore;

    /** As a new instance of the service finds the table: nothing remembered yet. */
    private JdbcOrderLineRecords afresh(boolean eventsStoredApart) {
        return new JdbcOrderLineRecords(jdbc, eventStore, eventsStoredApart);
    }

    private String productWithBatches(String... batchesOfTen) {
        String sku = unique("sku");
        for (String batch : batchesOfTen) {
            api.addBatch(batch, sku, 10, null);
        }
        return sku;
    }

    private static List<String> orders(Iterable<OrderLine> lines) {
        List<String> orders = new ArrayList<>();
        lines.forEach(line -> orders.add(line.orderId()));
        return orders;
    }

    @Test
    void an_allocated_line_is_held_by_its_batch_until_it_is_freed_and_again_once_allocated_again() {
        String first = unique("batch"), second = unique("batch");
        String sku = productWithBatches(first, second);
        api.allocate("order-1", sku, 4);

        assertThat(lines.held(sku, "order-1")).contains(new HeldOrderLine("order-1", sku, first, 4));
        assertThat(lines.held(sku, "order-2")).isEmpty();

        api.changeBatchQuantity(first, 0);

        // freed from the first batch, then allocated again by the reallocation policy, to the second
        assertThat(lines.held(sku, "order-1")).contains(new HeldOrderLine("order-1", sku, second, 4));
        assertThat(orders(lines.newestFirst(sku, first))).isEmpty();
        assertThat(orders(lines.newestFirst(sku, second))).containsExactly("order-1");
    }

    @Test
    void a_batch_gives_its_lines_newest_first_past_a_page_of_them() {
        String batch = unique("batch");
        String sku = unique("sku");
        api.addBatch(batch, sku, 1_000, null);
        IntStream.range(0, 150).forEach(i -> api.allocate("order-" + i, sku, 1));

        List<String> newestFirst = orders(lines.newestFirst(sku, batch));

        assertThat(newestFirst).hasSize(150).startsWith("order-149", "order-148").endsWith("order-1", "order-0");
    }

    @Test
    void a_product_whose_lines_the_table_lacks_has_them_filled_in_from_its_events_as_the_commands_wrote_them() {
        String kept = unique("batch"), reduced = unique("batch");
        String sku = productWithBatches(kept, reduced);
        api.allocate("order-1", sku, 6);
        api.allocate("order-2", sku, 6);
        api.allocate("order-3", sku, 2);
        // order-2 is freed and finds no room elsewhere; then order-3 is freed and allocated again, to the other batch
        api.changeBatchQuantity(reduced, 5);
        api.changeBatchQuantity(kept, 6);
        var written = rowsOf(sku);
        // as a store written before the table was
        jdbc.sql("DELETE FROM order_line WHERE sku = ?").param(sku).update();
        jdbc.sql("DELETE FROM order_lines_recorded WHERE sku = ?").param(sku).update();

        JdbcOrderLineRecords upgraded = afresh(false);

        assertThat(upgraded.held(sku, "order-1")).contains(new HeldOrderLine("order-1", sku, kept, 6));
        assertThat(upgraded.held(sku, "order-2")).isEmpty();
        assertThat(upgraded.held(sku, "order-3")).contains(new HeldOrderLine("order-3", sku, reduced, 2));
        assertThat(rowsOf(sku)).hasSize(4).isEqualTo(written);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_lines_recorded WHERE sku = ?").param(sku)
                       .query(Long.class).single()).isEqualTo(1);
    }

    private List<Map<String, Object>> rowsOf(String sku) {
        return jdbc.sql("SELECT orderid, allocated_as, batchref, qty, freed_as FROM order_line WHERE sku = ? "
                        + "ORDER BY allocated_as").param(sku).query().listOfRows();
    }

    @Test
    void with_the_events_stored_apart_rows_of_an_attempt_whose_events_were_not_stored_are_passed_over() {
        String batch = unique("batch");
        String sku = productWithBatches(batch);
        api.allocate("order-1", sku, 2);
        api.allocate("order-2", sku, 3);
        long next = storedEvents(sku, Allocated.class) + storedEvents(sku, BatchCreated.class);
        // an allocation under a sequence number no event has, and one under another line's event
        jdbc.sql("INSERT INTO order_line (sku, orderid, allocated_as, batchref, qty) VALUES (?, 'order-3', ?, ?, 1)")
            .params(sku, next, batch).update();
        jdbc.sql("INSERT INTO order_line (sku, orderid, allocated_as, batchref, qty) VALUES (?, 'order-4', 1, ?, 1)")
            .params(sku, batch).update();
        // order-1 freed by an attempt whose Deallocated was not stored
        jdbc.sql("UPDATE order_line SET freed_as = ? WHERE sku = ? AND orderid = 'order-1'").params(next, sku).update();

        JdbcOrderLineRecords onAxonServer = afresh(true);

        assertThat(onAxonServer.held(sku, "order-3")).isEmpty();
        assertThat(onAxonServer.held(sku, "order-4")).isEmpty();
        assertThat(onAxonServer.held(sku, "order-1")).contains(new HeldOrderLine("order-1", sku, batch, 2));
        assertThat(orders(onAxonServer.newestFirst(sku, batch))).containsExactly("order-2", "order-1");
        assertThat(afresh(false).held(sku, "order-3")).as("embedded, rows and events cannot part")
                                                        .contains(new HeldOrderLine("order-3", sku, batch, 1));
    }

    @Test
    void with_the_events_stored_apart_an_attempts_row_under_the_same_sequence_number_is_rewritten() {
        String batch = unique("batch"), other = unique("batch");
        String sku = productWithBatches(batch, other);
        jdbc.sql("INSERT INTO order_line (sku, orderid, allocated_as, batchref, qty, freed_as) "
                 + "VALUES (?, 'order-1', 2, ?, 9, 3)").params(sku, other).update();

        afresh(true).on(new Allocated("order-1", sku, 4, batch), 2);

        var rows = jdbc.sql("SELECT batchref, qty, freed_as FROM order_line WHERE sku = ?").param(sku).query().listOfRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("BATCHREF", batch).containsEntry("QTY", 4).containsEntry("FREED_AS", null);
    }
}
