package com.example.stock;

import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No more products are kept in memory than configured, and a product that had to leave decides, once loaded again
 * from its snapshot and the events after it, as it did before: its order lines are not in it but in the database.
 */
class ProductCacheTest {

    private final Path dataDir = EndToEndTest.temporaryDataDirectory();
    private final ConfigurableApplicationContext app = new SpringApplicationBuilder(StockAllocationApplication.class)
            .run(TestUsers.withUsers("--server.port=0", "--stock.data-dir=" + dataDir,
                                     "--stock.products.cached=1", "--stock.snapshots.threshold=2"));
    private final Api api = new Api(((WebServerApplicationContext) app).getWebServer().getPort());

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void a_product_that_left_the_cache_decides_as_before_once_loaded_again() throws Exception {
        api.addBatch("lamps", "LAMP", 3, null);
        api.addBatch("lamps-later", "LAMP", 10, "2030-01-01");
        api.addBatch("desks", "DESK", 10, null);
        for (String order : new String[] {"order-1", "order-2", "order-3"}) {
            api.allocate(order, "LAMP", 1);
        }

        api.allocate("order-4", "DESK", 1);
        api.allocate("order-5", "DESK", 1);

        assertThat(gauge("stock.products.cached")).isEqualTo(1);
        assertThat(api.allocate("order-2", "LAMP", 1).json().path("batchref").asText()).isEqualTo("lamps");
        assertThat(api.allocate("order-2", "LAMP", 2).status()).isEqualTo(409);
        assertThat(api.allocate("order-6", "LAMP", 1).json().path("batchref").asText()).isEqualTo("lamps-later");
        assertThat(api.product("LAMP").json().path("batches").findValuesAsText("available"))
                .containsExactlyInAnyOrder("0", "9");
        assertThat(AuditSupport.audit(api).path("clean").asBoolean()).isTrue();
    }

    private double gauge(String name) {
        return app.getBean(MeterRegistry.class).get(name).gauge().value();
    }
}
