package com.example.stock.web;

import java.time.LocalDate;

import com.example.stock.allocation.CreateBatch;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

record AddBatchRequest(@Identifier String ref, @Identifier String sku, @NotNull @Positive Integer qty, LocalDate eta) {

    CreateBatch toCommand() {
        return new CreateBatch(ref, sku, qty, eta);
    }
}
