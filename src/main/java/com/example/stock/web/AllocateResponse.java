package com.example.stock.web;

import com.example.stock.allocation.AllocationOutcome;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** {@code status} is "allocated" (with the batch) or "out_of_stock" (the buyers are told). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AllocateResponse(String orderid, String sku,
                        @Schema(allowableValues = {"allocated", "out_of_stock"}) String status,
                        @Schema(description = "The batch the line is allocated to; absent when out of stock")
                        String batchref) {

    static AllocateResponse of(AllocationOutcome outcome) {
        return new AllocateResponse(outcome.orderId(), outcome.sku(),
                                    outcome.isAllocated() ? "allocated" : "out_of_stock", outcome.batchref());
    }
}
