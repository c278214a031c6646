package com.example.stock.audit;

/**
 * An event that breaks a rule the store must keep.
 *
 * @param check    which rule: {@code hash-chain}, {@code sequence}, {@code over-allocation},
 *                 {@code deallocation-without-allocation}, {@code double-allocation} or {@code unknown-batch}
 * @param position the event's global position, where known
 */
public record Finding(String check, Long position, String sku, long sequence, String eventType, String detail) {
}
