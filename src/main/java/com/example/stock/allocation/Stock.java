package com.example.stock.allocation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The batches of one SKU and how much of each is allocated: the state every allocation decision of a product is
 * made on, with the order lines in {@link OrderLineRecords}. Plain Java, so the rules are readable and testable
 * without any framework.
 */
final class Stock {

    private final Map<String, Batch> byReference = new HashMap<>();
    /** Batches in order of preference, kept sorted on insertion so choosing is a scan from the front. */
    private final List<Batch> byPreference = new ArrayList<>();

    boolean hasBatch(String reference) {
        return byReference.containsKey(reference);
    }

    Optional<Batch> batch(String reference) {
        return Optional.ofNullable(byReference.get(reference));
    }

    /** The preferred batch that can take the whole line, if any. */
    Optional<Batch> batchFor(OrderLine line) {
        return byPreference.stream().filter(batch -> batch.canTake(line)).findFirst();
    }

    void add(String reference, int qty, LocalDate eta) {
        Batch batch = new Batch(reference, qty, eta, byReference.size());
        byReference.put(reference, batch);
        int position = 0;
        while (position < byPreference.size() && byPreference.get(position).isPreferredTo(batch)) {
            position++;
        }
        byPreference.add(position, batch);
    }

    void allocate(int qty, String reference) {
        byReference.get(reference).allocate(qty);
    }

    void deallocate(int qty, String reference) {
        byReference.get(reference).deallocate(qty);
    }

    void changePurchasedQuantity(String reference, int qty) {
        byReference.get(reference).changePurchasedQuantity(qty);
    }
}
