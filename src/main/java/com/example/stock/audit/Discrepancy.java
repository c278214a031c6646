package com.example.stock.audit;

/** A row of a live read model that differs from what the events say it should be. */
public record Discrepancy(String readModel, String key, String expected, String actual) {
}
