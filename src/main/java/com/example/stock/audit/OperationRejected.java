package com.example.stock.audit;

/** Why an audit or rebuild request was refused, carried as the details of a {@code CommandExecutionException}. */
public record OperationRejected(Reason reason, String message) {

    public enum Reason {
        /** No read model or audit run of that name. */
        UNKNOWN,
        /** One is already running. */
        ALREADY_RUNNING
    }
}
