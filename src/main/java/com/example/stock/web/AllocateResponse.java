package com.example.stock.web;

import com.example.stock.allocation.AllocationOutcome;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code status} is "allocated" (with the batch) or "out_of_stock" (the buyers are told). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AllocateResponse(String orderid, String sku, String status, String batchref) {

    static AllocateResponse of(AllocationOutcome outcome) {
        return new AllocateResponse(outcome.orderId(), outcome.sku(),
                                    outcome.isAllocated() ? "allocated" : "out_of_stock", outcome.batchref());
    }
}
