package com.example.stock.audit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.example.stock.allocation.Allocated;
import com.example.stock.allocation.BatchCreated;
import com.example.stock.allocation.BatchQuantityChanged;
import com.example.stock.allocation.Deallocated;
import com.example.stock.products.BatchView;
import com.example.stock.products.ProductView;

/**
 * A product rebuilt from its events alone, independent of the aggregate and of the read models: what an auditor
 * trusts. Used for the state as of an instant and by audit runs.
 */
final class ProductReplica {

    private static final Comparator<Batch> PREFERENCE =
            Comparator.comparing((Batch batch) -> batch.eta, Comparator.nullsFirst(Comparator.naturalOrder()))
                      .thenComparingInt(batch -> batch.addedAs);

    private final String sku;
    private final Map<String, Batch> batches = new LinkedHashMap<>();
    /** Order id to the batch holding its line of this product. */
    private final Map<String, String> lines = new LinkedHashMap<>();

    ProductReplica(String sku) {
        this.sku = sku;
    }

    /** Applies one event of this product; events of other types do not change batches or lines. */
    void apply(Object event) {
        if (event instanceof BatchCreated created) {
            batches.put(created.ref(), new Batch(created.ref(), created.eta(), created.qty(), batches.size()));
        } else if (event instanceof Allocated allocated) {
            batch(allocated.batchref()).allocated += allocated.qty();
            lines.put(allocated.orderId(), allocated.batchref());
        } else if (event instanceof Deallocated deallocated) {
            batch(deallocated.batchref()).allocated -= deallocated.qty();
            lines.remove(deallocated.orderId(), deallocated.batchref());
        } else if (event instanceof BatchQuantityChanged changed) {
            batch(changed.ref()).purchased = changed.qty();
        }
    }

    private Batch batch(String ref) {
        Batch batch = batches.get(ref);
        if (batch == null) {
            throw new IllegalStateException("event names batch " + ref + " that " + sku + " does not have");
        }
        return batch;
    }

    boolean hasBatch(String ref) {
        return batches.containsKey(ref);
    }

    Optional<String> batchHolding(String orderId) {
        return Optional.ofNullable(lines.get(orderId));
    }

    /** Batches whose allocated quantity exceeds what was purchased. */
    List<BatchView> overAllocated() {
        return view().batches().stream().filter(batch -> batch.available() < 0).toList();
    }

    Map<String, String> lines() {
        return lines;
    }

    ProductView view() {
        List<Batch> ordered = new ArrayList<>(batches.values());
        ordered.sort(PREFERENCE);
        return new ProductView(sku, ordered.stream()
                                           .map(batch -> new BatchView(batch.ref, batch.eta, batch.purchased,
                                                                       batch.allocated,
                                                                       batch.purchased - batch.allocated))
                                           .toList());
    }

    private static final class Batch {
        private final String ref;
        private final LocalDate eta;
        private final int addedAs;
        private int purchased;
        private int allocated;

        private Batch(String ref, LocalDate eta, int purchased, int addedAs) {
            this.ref = ref;
            this.eta = eta;
            this.purchased = purchased;
            this.addedAs = addedAs;
        }
    }
}
