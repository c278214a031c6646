package com.example.stock.shared;

import java.util.List;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads a processor's positions from the token store without claiming anything. When instances share the database,
 * a processor runs on one of them, and the others learn how far it got from here: each position is committed in the
 * same transaction as the read-model rows it covers.
 */
@Component
class StoredTokens {

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final String tokensOf;

    StoredTokens(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        TokenSchema schema = new TokenSchema();
        this.tokensOf = "SELECT " + schema.tokenTypeColumn() + ", " + schema.tokenColumn()
                + " FROM " + schema.tokenTable() + " WHERE " + schema.processorNameColumn() + " = ?";
    }

    /** One token a segment of the processor; {@code null} for a segment that has no position yet. */
    List<TrackingToken> of(String processorName) {
        return jdbc.sql(tokensOf)
                   .param(processorName)
                   .query((row, number) -> token(row.getString(1), row.getBytes(2)))
                   .list();
    }

    private TrackingToken token(String type, byte[] token) {
        if (type == null || token == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
    }
}
