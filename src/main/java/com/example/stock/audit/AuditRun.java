package com.example.stock.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.example.stock.allocation.Allocated;
import com.example.stock.allocation.Deallocated;
import com.example.stock.allocation.HeldOrderLine;
import com.example.stock.allocations.LineAllocation;
import com.example.stock.products.ProductView;
import com.example.stock.shared.AuditTrail;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * One audit: verifies the hash chain of every stored event, replays the whole store into a model of its own
 * (never touching the live read models) while checking the rules the store must keep, then compares that model
 * with the live read models. Products and orders changed while it compares are left out of the comparison and
 * counted.
 */
final class AuditRun {

    static final int FIRST_FINDINGS = 10;
    private static final int LISTED_DISCREPANCIES = 100;

    /** What an audit run needs from the live system. */
    interface LiveSystem {
        EventStore eventStore();

        /** The embedded store's raw rows; empty where the events are kept elsewhere (Axon Server). */
        Optional<StoredEventRows> storedRows();

        /** Waits until every read model has handled the store up to a position. */
        boolean awaitReadModels(long position);

        List<ProductView> liveProducts();

        List<LineAllocation> liveAllocations();

        /** The order lines the products decide on (see the allocation module's order lines). */
        List<HeldOrderLine> liveOrderLines();
    }

    private final String id;
    private final LiveSystem live;
    private final Consumer<String> progressLog;
    private final Instant startedAt = Instant.now();

    private volatile String phase = "chain";
    private volatile long done;
    private volatile long total = 1;

    private final Map<String, Long> violations = new TreeMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<Discrepancy> discrepancies = new ArrayList<>();
    private final Map<String, ProductReplica> products = new HashMap<>();
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final Map<String, String> lastCausation = new HashMap<>();
    private final Set<String> orders = new HashSet<>();
    private long events;
    private long skippedAsChanging;
    private String hashChain;

    AuditRun(String id, LiveSystem live, Consumer<String> progressLog) {
        this.id = id;
        this.live = live;
        this.progressLog = progressLog;
    }

    String phase() {
        return phase;
    }

    double progress() {
        return Math.min(100.0, Math.floor(1000.0 * done / total) / 10);
    }

    AuditReport run() throws InterruptedException {
        var headToken = live.eventStore().createHeadToken();
        long head = headToken == null ? 0 : headToken.position().orElse(0);
        Optional<StoredEventRows> rows = live.storedRows();
        total = Math.max(1, rows.isPresent() ? 2 * head : head);
        rows.ifPresentOrElse(stored -> verifyChain(stored, head),
                             () -> hashChain = "not verified: the events are kept by Axon Server");
        phase = "replay";
        replay(head);
        phase = "compare";
        compare(head);
        phase = "done";
        done = total;
        long discrepancyCount = discrepancies.size();
        boolean clean = violations.isEmpty() && discrepancies.isEmpty();
        return new AuditReport(id, startedAt, Instant.now(), clean, events, products.size(), orders.size(), hashChain,
                               violations, List.copyOf(findings), discrepancyCount,
                               discrepancies.stream().limit(LISTED_DISCREPANCIES).toList(), skippedAsChanging);
    }

    List<Discrepancy> discrepancies() {
        return discrepancies;
    }

    private void verifyChain(StoredEventRows rows, long head) {
        Map<String, String> lastHash = new HashMap<>();
        long[] broken = {0};
        rows.forEachUpTo(head, (link, position) -> {
            String previous = lastHash.getOrDefault(link.aggregateIdentifier(), ChainLink.GENESIS);
            String stored = (String) link.metaData().get(AuditTrail.HASH);
            String expected = link.hash(previous);
            if (!expected.equals(stored)) {
                broken[0]++;
                find("hash-chain", position, link.aggregateIdentifier(), link.sequenceNumber(),
                     simpleName(link.payloadType()), stored == null
                             ? "the event carries no hash"
                             : "payload, metadata or place in the chain changed after it was stored");
            }
            // the chain goes on from what is stored, so one altered event is reported once, not with all after it
            lastHash.put(link.aggregateIdentifier(), stored == null ? expected : stored);
            tick();
        });
        hashChain = broken[0] == 0 ? "verified" : broken[0] + " events do not match their hash";
        progressLog.accept("hash chain: " + hashChain);
    }

    private void replay(long head) throws InterruptedException {
        if (head == 0) {
            return;
        }
        try (BlockingStream<TrackedEventMessage<?>> stream = live.eventStore().openStream(null)) {
            long position = 0;
            while (position < head && stream.hasNextAvailable(30, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                position = event.trackingToken().position().orElse(position);
                check((DomainEventMessage<?>) event, position);
                events++;
                tick();
            }
        }
        products.forEach((sku, product) -> checkNotOverAllocated(sku, product, null, -1, "at the end"));
        progressLog.accept("replayed " + events + " events of " + products.size() + " products");
    }

    private void check(DomainEventMessage<?> event, long position) {
        String sku = event.getAggregateIdentifier();
        long expectedSequence = nextSequence.getOrDefault(sku, 0L);
        if (event.getSequenceNumber() != expectedSequence) {
            find("sequence", position, sku, event.getSequenceNumber(), typeOf(event),
                 "expected sequence number " + expectedSequence);
        }
        nextSequence.put(sku, event.getSequenceNumber() + 1);
        ProductReplica product = products.computeIfAbsent(sku, ProductReplica::new);
        // a command's events are applied together: over-allocation is judged once the previous command is complete
        String causation = String.valueOf(event.getMetaData().get(AuditTrail.CAUSATION_ID));
        String previousCausation = lastCausation.put(sku, causation);
        if (previousCausation != null && !previousCausation.equals(causation)) {
            checkNotOverAllocated(sku, product, position, event.getSequenceNumber(), "before this event");
        }
        Object payload = event.getPayload();
        if (payload instanceof Allocated allocated) {
            orders.add(allocated.orderId());
            product.batchHolding(allocated.orderId()).ifPresent(batch -> find(
                    "double-allocation", position, sku, event.getSequenceNumber(), typeOf(event),
                    "order " + allocated.orderId() + " already holds batch " + batch));
        } else if (payload instanceof Deallocated deallocated) {
            if (!product.batchHolding(deallocated.orderId()).filter(deallocated.batchref()::equals).isPresent()) {
                find("deallocation-without-allocation", position, sku, event.getSequenceNumber(), typeOf(event),
                     "order " + deallocated.orderId() + " was not allocated to " + deallocated.batchref());
            }
        }
        try {
            product.apply(payload);
        } catch (IllegalStateException e) {
            find("unknown-batch", position, sku, event.getSequenceNumber(), typeOf(event), e.getMessage());
        }
    }

    private void checkNotOverAllocated(String sku, ProductReplica product, Long position, long sequence,
                                       String when) {
        product.overAllocated().forEach(batch -> find(
                "over-allocation", position, sku, sequence, null,
                "batch " + batch.ref() + " has " + batch.allocated() + " allocated of " + batch.purchased() + " " + when));
    }

    private void compare(long head) throws InterruptedException {
        if (!live.awaitReadModels(head)) {
            progressLog.accept("read models did not reach position " + head + "; comparing what they hold");
        }
        List<ProductView> liveProducts = live.liveProducts();
        List<LineAllocation> liveAllocations = live.liveAllocations();
        List<HeldOrderLine> liveOrderLines = live.liveOrderLines();
        Set<String> changing = changedAfter(head);
        skippedAsChanging = changing.size();

        Map<String, ProductView> actualProducts = new LinkedHashMap<>();
        liveProducts.forEach(product -> actualProducts.put(product.sku(), product));
        for (String sku : new TreeSet<>(union(products.keySet(), actualProducts.keySet()))) {
            if (changing.contains(sku)) {
                continue;
            }
            ProductView expected = Optional.ofNullable(products.get(sku)).map(ProductReplica::view).orElse(null);
            ProductView actual = actualProducts.get(sku);
            if (!Objects.equals(expected, actual)) {
                discrepancies.add(new Discrepancy("products-view", sku, String.valueOf(expected), String.valueOf(actual)));
            }
        }

        Map<String, String> expectedLines = new TreeMap<>();
        products.forEach((sku, product) -> product.lines().forEach(
                (orderId, batch) -> expectedLines.put(orderId + "/" + sku, batch)));
        Map<String, String> viewLines = new TreeMap<>();
        liveAllocations.forEach(line -> viewLines.put(line.orderId() + "/" + line.sku(), line.batchref()));
        compareLines("allocations-view", expectedLines, viewLines, changing);
        Map<String, String> orderLines = new TreeMap<>();
        liveOrderLines.forEach(line -> orderLines.put(line.orderId() + "/" + line.sku(), line.batchref()));
        compareLines("order-lines", expectedLines, orderLines, changing);
        progressLog.accept("compared with the live read models: " + discrepancies.size() + " discrepancies");
    }

    /** Each line ({@code orderId/sku}) whose batch differs, unless its product or order changed after the head. */
    private void compareLines(String model, Map<String, String> expectedLines, Map<String, String> actualLines,
                              Set<String> changing) {
        for (String line : new TreeSet<>(union(expectedLines.keySet(), actualLines.keySet()))) {
            String orderId = line.substring(0, line.indexOf('/'));
            String sku = line.substring(line.indexOf('/') + 1);
            if (changing.contains(sku) || changing.contains("order:" + orderId)) {
                continue;
            }
            if (!Objects.equals(expectedLines.get(line), actualLines.get(line))) {
                discrepancies.add(new Discrepancy(model, line, expectedLines.get(line), actualLines.get(line)));
            }
        }
    }

    /** Products, and orders (as {@code order:<id>}), with events after the audited head. */
    private Set<String> changedAfter(long head) throws InterruptedException {
        Set<String> changed = new HashSet<>();
        var tail = live.eventStore().createHeadToken();
        long now = tail == null ? 0 : tail.position().orElse(0);
        if (now <= head) {
            return changed;
        }
        try (BlockingStream<TrackedEventMessage<?>> stream = live.eventStore().openStream(
                EventStoreQueries.tokenAfter(live.eventStore(), head))) {
            long position = head;
            while (position < now && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                position = event.trackingToken().position().orElse(position);
                changed.add(((DomainEventMessage<?>) event).getAggregateIdentifier());
                if (event.getPayload() instanceof Allocated allocated) {
                    changed.add("order:" + allocated.orderId());
                } else if (event.getPayload() instanceof Deallocated deallocated) {
                    changed.add("order:" + deallocated.orderId());
                }
            }
        }
        return changed;
    }

    private void find(String check, Long position, String sku, long sequence, String eventType, String detail) {
        long count = violations.merge(check, 1L, Long::sum);
        if (count <= FIRST_FINDINGS) {
            findings.add(new Finding(check, position, sku, sequence, eventType, detail));
        }
    }

    private void tick() {
        done++;
        if (done % 100_000 == 0) {
            progressLog.accept(phase + ": " + progress() + " %");
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String typeOf(DomainEventMessage<?> event) {
        return event.getPayloadType().getSimpleName();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
