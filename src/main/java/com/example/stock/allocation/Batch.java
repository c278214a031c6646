package com.example.stock.allocation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIdentityInfo;
import com.fasterxml.jackson.annotation.ObjectIdGenerators;

/**
 * One delivery of a SKU and how much of it is allocated; its order lines are in {@link OrderLineRecords}. In a
 * snapshot each batch is written once and referred to by its reference after that, so the product's indexes share
 * it again.
 */
@JsonIdentityInfo(generator = ObjectIdGenerators.PropertyGenerator.class, property = "reference")
final class Batch {

    private final String reference;
    private final LocalDate eta;
    private final long addedAs;
    private int purchased;
    private int allocated;

    /** For snapshots, which set the fields afterwards. */
    private Batch() {
        this(null, 0, null, 0);
    }

    Batch(String reference, int purchased, LocalDate eta, long addedAs) {
        this.reference = reference;
        this.purchased = purchased;
        this.eta = eta;
        this.addedAs = addedAs;
    }

    String reference() {
        return reference;
    }

    int purchased() {
        return purchased;
    }

    int available() {
        return purchased - allocated;
    }

    boolean canTake(OrderLine line) {
        return available() >= line.qty();
    }

    /** Warehouse stock (no ETA) comes first, then the earliest ETA, then the batch added first. */
    boolean isPreferredTo(Batch other) {
        if (eta == null || other.eta == null) {
            return eta == null && (other.eta != null || addedAs < other.addedAs);
        }
        int byEta = eta.compareTo(other.eta);
        return byEta < 0 || byEta == 0 && addedAs < other.addedAs;
    }

    void allocate(int qty) {
        allocated += qty;
    }

    void deallocate(int qty) {
        allocated -= qty;
    }

    void changePurchasedQuantity(int qty) {
        purchased = qty;
    }

    /**
     * The lines to take off, most recently allocated first, until the batch no longer owes more than it has.
     *
     * @param newestFirst the lines the batch holds, the most recently allocated first
     */
    List<OrderLine> linesToFreeFor(int newPurchased, Iterable<OrderLine> newestFirst) {
        List<OrderLine> freed = new ArrayList<>();
        int stillAllocated = allocated;
        // a line is read only while more must be freed: the lines of a big batch are read from the database
        for (Iterator<OrderLine> lines = newestFirst.iterator(); stillAllocated > newPurchased && lines.hasNext(); ) {
            OrderLine line = lines.next();
            freed.add(line);
            stillAllocated -= line.qty();
        }
        return freed;
    }

    /**
     * Equal state: same delivery, same quantities. Lets a product rebuilt from its events be compared with the one
     * that handled the command (the aggregate test fixture does so after each command, to catch state changed outside
     * an event).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Batch batch
                && reference.equals(batch.reference) && Objects.equals(eta, batch.eta) && addedAs == batch.addedAs
                && purchased == batch.purchased && allocated == batch.allocated;
    }

    @Override
    public int hashCode() {
        return reference.hashCode();
    }
}
