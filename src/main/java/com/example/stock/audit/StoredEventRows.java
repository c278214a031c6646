package com.example.stock.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.ObjLongConsumer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The embedded event store's rows exactly as stored, for checks that must not trust any deserialization. */
@Component
class StoredEventRows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final String inGlobalOrder;

    StoredEventRows(JdbcClient jdbc, EventSchema schema) {
        this.jdbc = jdbc;
        this.inGlobalOrder = "SELECT " + String.join(", ", schema.globalIndexColumn(), schema.eventIdentifierColumn(),
                                                     schema.aggregateIdentifierColumn(), schema.sequenceNumberColumn(),
                                                     schema.payloadTypeColumn(), schema.payloadRevisionColumn(),
                                                     schema.timestampColumn(), schema.metaDataColumn(),
                                                     schema.payloadColumn())
                + " FROM " + schema.domainEventTable() + " WHERE " + schema.globalIndexColumn() + " <= ?"
                + " ORDER BY " + schema.globalIndexColumn();
    }

    /** Hands each stored event up to a position, in global order, with its position, to {@code consumer}. */
    void forEachUpTo(long position, ObjLongConsumer<ChainLink> consumer) {
        jdbc.sql(inGlobalOrder).param(position).query(row -> {
            consumer.accept(new ChainLink(row.getString(2), row.getString(3), row.getLong(4), row.getString(5),
                                          row.getString(6), row.getString(7), metadata(row.getBytes(8)),
                                          row.getBytes(9)),
                            row.getLong(1));
        });
    }

    private static Map<String, Object> metadata(byte[] stored) {
        if (stored == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(stored, METADATA);
        } catch (IOException e) {
            throw new UncheckedIOException("stored metadata is not JSON", e);
        }
    }
}
