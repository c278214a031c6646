package com.example.stock.web;

/** A read found nothing under the name asked for. */
final class NotFound extends RuntimeException {

    NotFound(String message) {
        super(message, null, false, false);
    }
}
