package com.example.stock.web;

import com.example.stock.allocation.Allocate;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

record AllocateRequest(@Identifier String orderid, @Identifier String sku, @NotNull @Positive Integer qty) {

    Allocate toCommand() {
        return new Allocate(orderid, sku, qty);
    }
}
