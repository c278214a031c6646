package com.example.stock.shared;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A read model that can be rebuilt while the service runs. Its tables exist twice, as generation {@code a} and
 * {@code b}; queries and the live processor use the active one, a rebuild fills the other from the event store
 * and then makes it active (see the audit module).
 *
 * @param name           the processing group of its live processor, ending in {@value ProcessingGroups#VIEW}
 * @param baseTable      its table's name without the generation suffix
 * @param projectionInto an event handler object, like the live one, that writes into the given generation
 */
public record ReadModel(String name, String baseTable, Function<String, Object> projectionInto) {

    /**
     * A read model of one table, whose projection takes the name of the table to use.
     *
     * @param baseTable    the table's name without its generation suffix
     * @param projectionOn makes the projection on a table name supplier
     */
    public static ReadModel of(String name, String baseTable, Function<Supplier<String>, Object> projectionOn) {
        return new ReadModel(name, baseTable,
                             generation -> projectionOn.apply(() -> ReadModelGenerations.table(baseTable, generation)));
    }
}
