package com.example.stock.allocation;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Keeps the most recently used products in memory, so a command does not read its product's events again: up to a
 * number of products, the least recently used leaving first. A product is its batches' totals, whatever the number
 * of its orders (their lines are in {@link OrderLineRecords}), so the number of products bounds the memory.
 * Strong references: a weakly held product is collected at the next minor collection, under load almost at once,
 * and every command would then pay for a load.
 */
final class BoundedProductCache implements Cache {

    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
    /** In order of use, the least recently used first. */
    private final Map<Object, Object> products = new LinkedHashMap<>(256, 0.75f, true);
    private final int capacity;

    BoundedProductCache(int capacity) {
        this.capacity = capacity;
    }

    /** How many products are held. */
    synchronized int size() {
        return products.size();
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        V product = (V) products.get(key);
        if (product != null) {
            listeners.forEach(listener -> listener.onEntryRead(key, product));
        }
        return product;
    }

    @Override
    public synchronized void put(Object key, Object value) {
        boolean updated = products.put(key, value) != null;
        listeners.forEach(listener -> {
            if (updated) {
                listener.onEntryUpdated(key, value);
            } else {
                listener.onEntryCreated(key, value);
            }
        });
        Iterator<Object> leastRecentlyUsed = products.keySet().iterator();
        while (products.size() > capacity) {
            Object eldest = leastRecentlyUsed.next();
            leastRecentlyUsed.remove();
            listeners.forEach(listener -> listener.onEntryExpired(eldest));
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
        boolean removed = products.remove(key) != null;
        if (removed) {
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed;
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
}
