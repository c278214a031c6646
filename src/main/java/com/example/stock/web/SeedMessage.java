package com.example.stock.web;

/** The seed system's error body, kept for its clients: {@code {"message": "Invalid sku X"}} for an unknown SKU. */
record SeedMessage(String message) {
}
