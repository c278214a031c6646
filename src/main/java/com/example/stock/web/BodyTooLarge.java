package com.example.stock.web;

import java.io.IOException;

/** A request body went past the configured limit while it was read. */
final class BodyTooLarge extends IOException {

    BodyTooLarge(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}
