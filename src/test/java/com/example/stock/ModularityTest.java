package com.example.stock;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Fails when a module reaches into another module's internals or modules depend on each other in a cycle. */
class ModularityTest {

    static final ApplicationModules modules = ApplicationModules.of(StockAllocationApplication.class);

    @Test
    void modules_use_only_each_others_public_api() {
        modules.verify();
    }
}
