package com.example.stock.products;

import java.time.LocalDate;

public record BatchView(String ref, LocalDate eta, int purchased, int allocated, int available) {
}
