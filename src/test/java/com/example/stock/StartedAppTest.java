package com.example.stock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service started as it runs for real (random port, H2 file database in a temporary directory), driven over
 * HTTP, signed in as the tests' users. Which data directory it runs on is the subclass's choice: most share one
 * app through {@link EndToEndTest}; a test that needs an app of its own (other settings, or a store it damages on
 * purpose) registers its own {@code stock.data-dir} with {@link #temporaryDataDirectory()}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
public abstract class StartedAppTest {

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Api api;

    @DynamicPropertySource
    static void users(DynamicPropertyRegistry registry) {
        TestUsers.register(registry);
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    /** The port the service listens on. */
    protected int port() {
        return port;
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** How many events of a type the store holds for one product. */
    protected long storedEvents(String sku, Class<?> eventType) {
        return jdbc.sql("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? AND payloadType = ?")
                   .params(sku, eventType.getName())
                   .query(Long.class)
                   .single();
    }

    protected long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM DomainEventEntry").query(Long.class).single();
    }

    static Path temporaryDataDirectory() {
        try {
            Path parent = Files.createDirectories(Path.of("target", "test-data"));
            return Files.createTempDirectory(parent, "stock-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
