package com.example.stock.shared;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A database in memory with the service's schema, for a projection's tests; {@link #close} drops it. */
public final class MigratedDatabase implements AutoCloseable {

    private final JdbcClient jdbc;

    public MigratedDatabase() {
        var dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        jdbc.sql("SHUTDOWN").update();
    }
}
