package com.example.stock.shared;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database in memory with the service's schema, for a projection's tests. Registered as an extension on a test's
 * field ({@code @RegisterExtension}), each test gets its own, dropped after it.
 */
public final class MigratedDatabase implements AfterEachCallback {

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    public MigratedDatabase() {
        dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        jdbc.sql("SHUTDOWN").update();
    }
}
