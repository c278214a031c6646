package com.example.stock.web;

import com.example.stock.allocation.Allocate;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

record AllocateRequest(@Schema(example = "order-1") @Identifier String orderid,
                       @Schema(example = "SMALL-TABLE") @Identifier String sku,
                       @Schema(example = "8") @NotNull @Positive Integer qty) {

    Allocate toCommand() {
        return new Allocate(orderid, sku, qty);
    }
}
