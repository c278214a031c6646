package com.example.stock.shared;

/**
 * The service will not start on what it was given, for a reason an operator can act on: what is wrong and what to
 * do are printed instead of a stack trace (see {@link RefusedToStartFailureAnalyzer}).
 */
class RefusedToStart extends RuntimeException {

    private final String action;

    RefusedToStart(String description, String action) {
        super(description);
        this.action = action;
    }

    String action() {
        return action;
    }
}
