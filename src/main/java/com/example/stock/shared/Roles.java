package com.example.stock.shared;

/** Who may do what. A user may hold several roles. */
public final class Roles {

    /** Sends commands: adds batches, allocates, changes batch quantities. */
    public static final String OPERATOR = "OPERATOR";
    /** Reads the read models: allocations and products as they are now. */
    public static final String READER = "READER";
    /** Reads histories, past states, the event feed; runs audits and rebuilds; reads the actuator. */
    public static final String AUDITOR = "AUDITOR";

    private Roles() {
    }
}
