package com.example.stock.shared;

import java.util.Collection;
import java.util.List;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Asks the embedded store which of some global positions hold committed events. */
@Component
class StoredEvents {

    private final JdbcClient jdbc;
    private final String committedAmong;

    StoredEvents(JdbcClient jdbc, EventSchema schema) {
        this.jdbc = jdbc;
        this.committedAmong = "SELECT " + schema.globalIndexColumn() + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.globalIndexColumn() + " IN (:positions)";
    }

    List<Long> committedAmong(Collection<Long> positions) {
        return jdbc.sql(committedAmong).param("positions", positions).query(Long.class).list();
    }
}
