package com.example.stock.web;

import java.time.LocalDate;

import com.example.stock.allocation.CreateBatch;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** {@code eta} is an ISO date ({@code 2026-01-31}) or null (see {@link StrictJson}). */
record AddBatchRequest(@Identifier String ref, @Identifier String sku, @NotNull @Positive Integer qty, LocalDate eta) {

    CreateBatch toCommand() {
        return new CreateBatch(ref, sku, qty, eta);
    }
}
