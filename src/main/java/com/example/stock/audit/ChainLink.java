package com.example.stock.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import com.example.stock.shared.AuditTrail;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One event as stored, reduced to what its hash covers: everything an auditor relies on (identity, place in its
 * product's sequence, type and revision, time, metadata other than the hash itself, and the payload's stored
 * bytes). The hash also covers the previous event's hash, so changing any stored event breaks every link after it.
 */
record ChainLink(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String payloadType,
                 String payloadRevision, String timestamp, Map<String, ?> metaData, byte[] payload) {

    /** The hash of the first event of a product stands on this. */
    static final String GENESIS = "";

    private static final ObjectMapper CANONICAL = new ObjectMapper();

    String hash(String previousHash) {
        MessageDigest sha256 = sha256();
        for (String field : new String[]{previousHash, eventIdentifier, aggregateIdentifier,
                Long.toString(sequenceNumber), payloadType, String.valueOf(payloadRevision), timestamp,
                canonical(metaData)}) {
            sha256.update(field.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        sha256.update(payload);
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The metadata with keys in order and without the hash, as JSON. */
    private static String canonical(Map<String, ?> metaData) {
        Map<String, Object> sorted = new TreeMap<>(metaData);
        sorted.remove(AuditTrail.HASH);
        try {
            return CANONICAL.writeValueAsString(sorted);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata cannot be written as JSON", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
