package com.example.stock.shared;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which generation of each read model's tables is active, kept in the database so it survives a restart, and
 * cached here because every projection and query asks for it.
 */
@Component
public class ReadModelGenerations {

    public static final String FIRST = "a";
    private static final String SECOND = "b";

    private final JdbcClient jdbc;
    private final Map<String, String> active = new ConcurrentHashMap<>();

    ReadModelGenerations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The name of a read model's table in its active generation, e.g. {@code allocations_view_a}, as it changes. */
    public Supplier<String> activeTable(String readModel, String baseTable) {
        return () -> table(baseTable, active(readModel));
    }

    static String table(String baseTable, String generation) {
        return baseTable + "_" + generation;
    }

    public String active(String readModel) {
        return active.computeIfAbsent(readModel, name ->
                jdbc.sql("SELECT active FROM read_model_generations WHERE read_model = ?")
                    .param(name)
                    .query(String.class)
                    .optional()
                    .orElse(FIRST));
    }

    public String inactive(String readModel) {
        return FIRST.equals(active(readModel)) ? SECOND : FIRST;
    }

    /**
     * Makes a generation active. Call it inside the transaction that also moves the read model's processor to
     * where the rebuild stopped; the cache follows once that transaction has committed.
     */
    public void activate(String readModel, String generation) {
        jdbc.sql("MERGE INTO read_model_generations (read_model, active) KEY (read_model) VALUES (?, ?)")
            .params(readModel, generation)
            .update();
    }

    /**
     * Empties a read model's table in the given generation, before a rebuild fills it. The generation still holds
     * the rows of the rebuild before last: deleting a million of them one by one took 20 s, truncating takes none.
     * Truncation commits the transaction it runs in, so it runs outside any; nothing else reads or writes the
     * inactive generation.
     */
    public void empty(ReadModel readModel, String generation) {
        jdbc.sql("TRUNCATE TABLE " + table(readModel.baseTable(), generation)).update();
    }

    /** Forgets the cached choice, so the next question reads the database. */
    public void refresh(String readModel) {
        active.remove(readModel);
    }
}
