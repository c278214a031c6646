package com.example.stock.allocation;

import java.util.Optional;

/**
 * Which SKU a batch reference belongs to, consistent with the event store at the moment a command is handled:
 * batch references are unique across all products, and a quantity change names the batch alone.
 */
interface BatchDirectory {

    Optional<String> skuOf(String batchref);
}
