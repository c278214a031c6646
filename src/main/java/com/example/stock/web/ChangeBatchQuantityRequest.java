package com.example.stock.web;

import com.example.stock.allocation.ChangeBatchQuantity;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** A quantity of 0 is allowed: the batch was lost entirely. */
record ChangeBatchQuantityRequest(@Identifier String batchref, @NotNull @PositiveOrZero Integer qty) {

    ChangeBatchQuantity toCommand() {
        return new ChangeBatchQuantity(batchref, qty);
    }
}
