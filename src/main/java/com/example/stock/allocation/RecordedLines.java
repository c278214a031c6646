package com.example.stock.allocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A product's order lines as its events give them, one row per allocation: what the table of order lines holds for
 * the product. Filled in for a product whose lines the table does not have yet, and the tests' record of lines.
 */
final class RecordedLines {

    private final List<Row> rows = new ArrayList<>();
    /** Each order's row not freed yet. */
    private final Map<String, Integer> unfreed = new HashMap<>();

    /** Applies one of the product's events, under its sequence number; other events hold no lines. */
    void apply(long sequence, Object event) {
        if (event instanceof Allocated allocated) {
            unfreed.put(allocated.orderId(), rows.size());
            rows.add(new Row(allocated.orderId(), sequence, allocated.batchref(), allocated.qty(), null));
        } else if (event instanceof Deallocated deallocated) {
            Integer row = unfreed.remove(deallocated.orderId());
            if (row != null) {
                rows.set(row, rows.get(row).freedAs(sequence));
            }
        }
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /**
     * One allocation of an order's line: under the sequence number of its {@link Allocated} event, and of its
     * {@link Deallocated} once freed.
     */
    record Row(String orderId, long allocatedAs, String batchref, int qty, Long freedAs) {

        Row freedAs(long sequence) {
            return new Row(orderId, allocatedAs, batchref, qty, sequence);
        }
    }
}
