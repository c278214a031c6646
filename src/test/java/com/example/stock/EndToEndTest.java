package com.example.stock;

import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** End-to-end tests that share one started app; each test uses fresh names so tests do not see each other. */
public abstract class EndToEndTest extends StartedAppTest {

    private static final Path DATA_DIR = temporaryDataDirectory();

    @DynamicPropertySource
    static void sharedDataDirectory(DynamicPropertyRegistry registry) {
        registry.add("stock.data-dir", DATA_DIR::toString);
    }

    /** The data directory of the shared app. */
    protected static Path dataDirectory() {
        return DATA_DIR;
    }
}
