package com.example.stock.allocation;

import org.axonframework.serialization.Revision;

/**
 * A line taken off a batch; it is to be allocated again.
 * <p>
 * Revision 2 says why ({@code reason}); revision 1, stored without a revision, did not, and is read through
 * {@link DeallocatedUpcaster}.
 */
@Revision("2")
public record Deallocated(String orderId, String sku, int qty, String batchref, String reason) {
}
