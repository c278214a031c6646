package com.example.stock.web;

import com.example.stock.allocation.ChangeBatchQuantity;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** A quantity of 0 is allowed: the batch was lost entirely. */
record ChangeBatchQuantityRequest(@Schema(example = "batch-002") @Identifier String batchref,
                                  @Schema(description = "The new purchased quantity; 0 when the batch was lost",
                                          example = "5")
                                  @NotNull @PositiveOrZero Integer qty) {

    ChangeBatchQuantity toCommand() {
        return new ChangeBatchQuantity(batchref, qty);
    }
}
