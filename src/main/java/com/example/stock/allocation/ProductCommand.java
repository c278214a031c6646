package com.example.stock.allocation;

/** A command one product decides: it names the product's SKU, which routes it and finds the product. */
interface ProductCommand {

    String sku();
}
