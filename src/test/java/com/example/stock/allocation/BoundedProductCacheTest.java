package com.example.stock.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class BoundedProductCacheTest {

    private final List<Object> expired = new ArrayList<>();

    private BoundedProductCache cacheOf(int products) {
        BoundedProductCache cache = new BoundedProductCache(products);
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });
        return cache;
    }

    @Test
    void the_least_recently_used_products_leave_once_there_are_more_than_the_bound() {
        BoundedProductCache cache = cacheOf(2);
        cache.put("LAMP", "lamp");
        cache.put("DESK", "desk");
        cache.get("LAMP");

        cache.put("SOFA", "sofa");

        assertThat(expired).containsExactly("DESK");
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.<String, String>get("LAMP")).isEqualTo("lamp");
        assertThat(cache.containsKey("SOFA")).isTrue();
    }

    @Test
    void a_product_stored_again_replaces_the_one_held_and_stays() {
        BoundedProductCache cache = cacheOf(2);
        cache.put("LAMP", "lamp");

        cache.put("LAMP", "lamp, changed");

        assertThat(cache.<String, String>get("LAMP")).isEqualTo("lamp, changed");
        assertThat(cache.size()).isEqualTo(1);
        assertThat(expired).isEmpty();
    }

    @Test
    void a_product_removed_leaves_without_expiring() {
        BoundedProductCache cache = cacheOf(100);
        cache.put("LAMP", "lamp");
        cache.put("DESK", "desk");

        cache.remove("LAMP");
        cache.removeAll();

        assertThat(cache.size()).isZero();
        assertThat(expired).isEmpty();
    }
}
