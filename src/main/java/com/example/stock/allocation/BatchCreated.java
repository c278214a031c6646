package com.example.stock.allocation;

import java.time.LocalDate;

public record BatchCreated(String sku, String ref, int qty, LocalDate eta) {
}
