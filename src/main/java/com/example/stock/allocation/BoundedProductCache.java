package com.example.stock.allocation;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Keeps the most recently used products in memory, so a command does not read its product's events again: up to a
 * number of products, and up to a number of order lines in all. A product holds every line allocated to it, so a
 * bound on products alone is no bound on memory: under a steady load of new orders the cached lines grow for as long
 * as the service runs. The least recently used products leave first; the product just stored stays, however big.
 * Strong references: a weakly held product is collected at the next minor collection, under load almost at once,
 * and every command would then pay for a load.
 */
final class BoundedProductCache implements Cache {

    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
    /** In order of use, the least recently used first. */
    private final Map<Object, Held> products = new LinkedHashMap<>(256, 0.75f, true);
    private final int capacity;
    private final long lineCapacity;
    private final ToIntFunction<Object> orderLines;
    private long lines;

    /**
     * @param orderLines the order lines of a cached value, as weighed when it is stored: a product changes only
     *                   under its command, which stores it again once done
     */
    BoundedProductCache(int capacity, long lineCapacity, ToIntFunction<Object> orderLines) {
        this.capacity = capacity;
        this.lineCapacity = lineCapacity;
        this.orderLines = orderLines;
    }

    /** How many products are held. */
    synchronized int size() {
        return products.size();
    }

    /** How many order lines the products held hold, as weighed when each was stored. */
    synchronized long orderLines() {
        return lines;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        Held held = products.get(key);
        V product = held == null ? null : (V) held.product();
        if (product != null) {
            listeners.forEach(listener -> listener.onEntryRead(key, product));
        }
        return product;
    }

    @Override
    public synchronized void put(Object key, Object value) {
        Held held = new Held(value, orderLines.applyAsInt(value));
        Held before = products.put(key, held);
        boolean updated = before != null;
        lines += held.lines() - (updated ? before.lines() : 0);
        listeners.forEach(listener -> {
            if (updated) {
                listener.onEntryUpdated(key, value);
            } else {
                listener.onEntryCreated(key, value);
            }
        });
        evictBeyondCapacity(key);
    }

    /** Lets the least recently used products go until both bounds hold, keeping the one just stored. */
    private void evictBeyondCapacity(Object stored) {
        Iterator<Map.Entry<Object, Held>> leastRecentlyUsed = products.entrySet().iterator();
        while ((products.size() > capacity || lines > lineCapacity) && leastRecentlyUsed.hasNext()) {
            Map.Entry<Object, Held> eldest = leastRecentlyUsed.next();
            if (!eldest.getKey().equals(stored)) {
                leastRecentlyUsed.remove();
                lines -= eldest.getValue().lines();
                listeners.forEach(listener -> listener.onEntryExpired(eldest.getKey()));
            }
        }
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        if (products.containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public synchronized boolean remove(Object key) {
        Held removed = products.remove(key);
        if (removed != null) {
            lines -= removed.lines();
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed != null;
    }

    @Override
    public synchronized void removeAll() {
        List.copyOf(products.keySet()).forEach(this::remove);
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return products.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A product and its order lines as weighed when it was stored. */
    private record Held(Object product, int lines) {
    }
}
