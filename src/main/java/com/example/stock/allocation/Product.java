package com.example.stock.allocation;

import static java.util.function.Predicate.not;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.List;

import com.example.stock.allocation.Rejection.Reason;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;

/**
 * A product (one SKU): the consistency boundary for its batches. Every allocation decision of the SKU is made
 * here, under the aggregate's lock, from the state rebuilt from its own events (or from a snapshot and the events
 * after it), and its order lines as written with those events ({@link OrderLineRecords}). The revision names the
 * shape of that state: change the fields, raise it, and older snapshots are ignored (revision 2 no longer keeps an
 * index from order to batch; revision 3 writes a batch's order lines as one binary value; revision 4 keeps no order
 * lines, only each batch's totals, so a product's memory and snapshot no longer grow with its orders).
 */
@Revision("4")
class Product {

    @AggregateIdentifier
    private String sku;
    private final Stock stock = new Stock();

    Product() {
        // for Axon: the state is rebuilt from events
    }

    /**
     * A reference is taken when this product has the batch or the directory holds it for another SKU. The directory
     * may hold it for this SKU without a batch here: recorded by an earlier attempt whose events were not stored
     * (possible on Axon Server only, see {@link JdbcBatchDirectory}); this attempt takes it over.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CreateBatch command, BatchDirectory directory) {
        requirePositive(command.qty());
        boolean takenElsewhere = directory.skuOf(command.ref()).filter(not(command.sku()::equals)).isPresent();
        if (stock.hasBatch(command.ref()) || takenElsewhere) {
            throw new CommandRejected(Reason.DUPLICATE_BATCH, "Batch " + command.ref() + " already exists");
        }
        apply(new BatchCreated(command.sku(), command.ref(), command.qty(), command.eta()));
    }

    @CommandHandler
    AllocationOutcome handle(Allocate command, OrderLineRecords lines) {
        requirePositive(command.qty());
        OrderLine line = new OrderLine(command.orderId(), command.qty());
        var held = lines.held(sku, line.orderId());
        if (held.isPresent()) {
            return alreadyAllocated(line, held.get());
        }
        var batch = stock.batchFor(line);
        if (batch.isEmpty()) {
            apply(new OutOfStock(line.orderId(), sku, line.qty()));
            return AllocationOutcome.outOfStock(line.orderId(), sku);
        }
        apply(new Allocated(line.orderId(), sku, line.qty(), batch.get().reference()));
        return AllocationOutcome.allocated(line.orderId(), sku, batch.get().reference());
    }

    /** Allocating a line again is idempotent; with another quantity it is a conflict. */
    private AllocationOutcome alreadyAllocated(OrderLine line, HeldOrderLine held) {
        if (held.qty() != line.qty()) {
            throw new CommandRejected(Reason.CONFLICTING_LINE, "Order " + line.orderId() + " already has " + held.qty()
                    + " of " + sku + " allocated; allocating " + line.qty() + " would change the line");
        }
        return AllocationOutcome.allocated(line.orderId(), sku, held.batchref());
    }

    /** Called by the batch-quantity command handler, which first finds the product that owns the batch. */
    void changeBatchQuantity(String batchref, int qty, OrderLineRecords lines) {
        if (qty < 0) {
            throw new CommandRejected(Reason.INVALID, "Quantity must not be negative, was " + qty);
        }
        Batch batch = stock.batch(batchref).orElseThrow(
                () -> new CommandRejected(Reason.UNKNOWN_BATCH, "Unknown batch " + batchref));
        if (batch.purchased() == qty) {
            return;
        }
        List<OrderLine> freed = batch.linesToFreeFor(qty, lines.newestFirst(sku, batchref));
        apply(new BatchQuantityChanged(sku, batchref, qty));
        String reason = "batch " + batchref + " reduced to " + qty;
        freed.forEach(line -> apply(new Deallocated(line.orderId(), sku, line.qty(), batchref, reason)));
    }

    private static void requirePositive(int qty) {
        if (qty <= 0) {
            throw new CommandRejected(Reason.INVALID, "Quantity must be positive, was " + qty);
        }
    }

    @EventSourcingHandler
    void on(BatchCreated event) {
        sku = event.sku();
        stock.add(event.ref(), event.qty(), event.eta());
    }

    @EventSourcingHandler
    void on(Allocated event) {
        stock.allocate(event.qty(), event.batchref());
    }

    @EventSourcingHandler
    void on(Deallocated event) {
        stock.deallocate(event.qty(), event.batchref());
    }

    @EventSourcingHandler
    void on(BatchQuantityChanged event) {
        stock.changePurchasedQuantity(event.ref(), event.qty());
    }
}
