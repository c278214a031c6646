package com.example.stock.allocation;

/**
 * Why a command was refused, carried as the details of Axon's {@code CommandExecutionException} so that
 * it survives the trip back from a remote command handler too.
 */
public record Rejection(Reason reason, String message) {

    public enum Reason {
        /** Allocate named a SKU that has no batch. */
        UNKNOWN_SKU,
        /** ChangeBatchQuantity named a batch reference that does not exist. */
        UNKNOWN_BATCH,
        /** CreateBatch named a batch reference that already exists. */
        DUPLICATE_BATCH,
        /** The order line is already allocated with another quantity. */
        CONFLICTING_LINE,
        /** A value outside what the domain accepts (a quantity of zero or less, a blank name). */
        INVALID
    }
}
