package com.example.stock.allocation;

import java.util.Optional;

/**
 * The order lines of each product, kept outside it: a product keeps its batches' totals, and asks here which batch
 * holds an order's line and which lines a batch holds. The lines are written in the transaction of the command
 * whose events allocate or free them, and answer as of that product's stored events.
 * <p>
 * A product that held every line in memory grew for as long as orders came in: in its snapshots, in the cache of
 * products, towards an exhausted heap (docs/benchmarks.md, ten minutes of load).
 */
interface OrderLineRecords {

    /** The line the order holds in the product, if any. */
    Optional<HeldOrderLine> held(String sku, String orderId);

    /** The lines the batch holds, the most recently allocated first; read as far as they are walked. */
    Iterable<OrderLine> newestFirst(String sku, String batchref);
}
