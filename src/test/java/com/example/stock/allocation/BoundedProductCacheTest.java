package com.example.stock.allocation;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Cached values here are the order lines they weigh. */
class BoundedProductCacheTest {

    private final List<Object> expired = new ArrayList<>();

    private BoundedProductCache cacheOf(int products, long lines) {
        BoundedProductCache cache = new BoundedProductCache(products, lines, value -> (Integer) value);
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });
        return cache;
    }

    @Test
    void the_least_recently_used_products_leave_once_the_order_lines_exceed_the_bound() {
        BoundedProductCache cache = cacheOf(100, 7);
        cache.put("LAMP", 3);
        cache.put("DESK", 3);
        cache.get("LAMP");

        cache.put("SOFA", 3);

        assertThat(expired).containsExactly("DESK");
        assertThat(cache.containsKey("LAMP")).isTrue();
        assertThat(cache.containsKey("SOFA")).isTrue();
        assertThat(cache.orderLines()).isEqualTo(6);
    }

    @Test
    void the_least_recently_used_products_leave_once_there_are_more_than_the_bound() {
        BoundedProductCache cache = cacheOf(2, 1_000);
        cache.put("LAMP", 1);
        cache.put("DESK", 1);

        cache.put("SOFA", 1);

        assertThat(expired).containsExactly("LAMP");
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.orderLines()).isEqualTo(2);
    }

    @Test
    void a_product_stored_again_weighs_its_lines_once_as_they_are_now() {
        BoundedProductCache cache = cacheOf(100, 1_000);
        cache.put("LAMP", 2);

        cache.put("LAMP", 5);

        assertThat(cache.orderLines()).isEqualTo(5);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void a_product_bigger_than_the_bound_stays_alone_once_stored() {
        BoundedProductCache cache = cacheOf(100, 5);
        cache.put("LAMP", 2);
        cache.put("DESK", 1);

        cache.put("BIG", 10);

        assertThat(expired).containsExactly("LAMP", "DESK");
        assertThat(cache.<String, Integer>get("BIG")).isEqualTo(10);
        assertThat(cache.orderLines()).isEqualTo(10);
    }

    @Test
    void a_product_removed_takes_its_lines_with_it() {
        BoundedProductCache cache = cacheOf(100, 1_000);
        cache.put("LAMP", 2);
        cache.put("DESK", 3);

        cache.remove("LAMP");
        cache.removeAll();

        assertThat(cache.size()).isZero();
        assertThat(cache.orderLines()).isZero();
        assertThat(expired).isEmpty();
    }
}
