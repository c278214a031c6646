package com.example.stock.audit;

/** Starts rebuilding one read model from the event store while the service runs; answers its {@link RebuildStatus}. */
public record RebuildReadModel(String readModel) {
}
