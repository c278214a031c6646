package com.example.stock.allocation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIdentityInfo;
import com.fasterxml.jackson.annotation.ObjectIdGenerators;

/**
 * One delivery of a SKU and the order lines allocated to it, in the order they were allocated. In a snapshot each
 * batch is written once and referred to by its reference after that, so the product's indexes share it again.
 */
@JsonIdentityInfo(generator = ObjectIdGenerators.PropertyGenerator.class, property = "reference")
final class Batch {

    private final String reference;
    private final LocalDate eta;
    private final long addedAs;
    private int purchased;
    private int allocated;
    private final OrderLines lines = new OrderLines();

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

    boolean holds(String orderId) {
        return lines.contains(orderId);
    }

    int allocatedQuantityOf(String orderId) {
        return lines.quantityOf(orderId);
    }

    int orderLineCount() {
        return lines.size();
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

    void allocate(OrderLine line) {
        lines.put(line.orderId(), line.qty());
        allocated += line.qty();
    }

    void deallocate(String orderId) {
        allocated -= lines.remove(orderId);
    }

    void changePurchasedQuantity(int qty) {
        purchased = qty;
    }

    /** The lines to take off, most recently allocated first, until the batch no longer owes more than it has. */
    List<OrderLine> linesToFreeFor(int newPurchased) {
        List<OrderLine> freed = new ArrayList<>();
        int stillAllocated = allocated;
        for (OrderLine line : lines.newestFirst()) {
            if (stillAllocated <= newPurchased) {
                break;
            }
            freed.add(line);
            stillAllocated -= line.qty();
        }
        return freed;
    }

    /**
     * Equal state: same delivery, same quantities, same lines in the same order. Lets a product rebuilt from its
     * events be compared with the one that handled the command (the aggregate test fixture does so after each
     * command, to catch state changed outside an event).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Batch batch
                && reference.equals(batch.reference) && Objects.equals(eta, batch.eta) && addedAs == batch.addedAs
                && purchased == batch.purchased && allocated == batch.allocated
                && lines.equals(batch.lines);
    }

    @Override
    public int hashCode() {
        return reference.hashCode();
    }
}
