package com.example.stock.shared;

import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * A read model kept in one table whose name it is given: the active generation for the live projection, the
 * inactive one for a rebuild (see {@link ReadModel}). Statements name the table as {@code %s}.
 */
public abstract class TableProjection {

    private final JdbcClient jdbc;
    private final Supplier<String> table;

    protected TableProjection(JdbcClient jdbc, Supplier<String> table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    /** A statement on this projection's table: each {@code %s} in {@code sql} becomes the table's name. */
    protected StatementSpec sql(String sql) {
        String name = table.get();
        return jdbc.sql(sql.replace("%s", name));
    }

    /** Empties the table, before a replay fills it again. */
    protected void clear() {
        sql("DELETE FROM %s").update();
    }
}
