package com.example.stock.web;

import java.time.LocalDate;

import com.example.stock.allocation.CreateBatch;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** {@code eta} is an ISO date ({@code 2026-01-31}) or null (see {@link StrictJson}). */
record AddBatchRequest(@Schema(description = "The batch's reference, unique across all SKUs", example = "batch-001")
                       @Identifier String ref,
                       @Schema(example = "SMALL-TABLE") @Identifier String sku,
                       @Schema(description = "Purchased quantity", example = "20") @NotNull @Positive Integer qty,
                       @Schema(description = "Expected arrival; null for warehouse stock", example = "2026-01-31",
                               nullable = true)
                       LocalDate eta) {

    CreateBatch toCommand() {
        return new CreateBatch(ref, sku, qty, eta);
    }
}
