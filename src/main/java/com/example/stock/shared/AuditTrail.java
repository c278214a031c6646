package com.example.stock.shared;

/**
 * The metadata every stored event carries, so an auditor can tell for each one what caused it and who.
 * <ul>
 * <li>{@value #CORRELATION_ID}: the id of the first message of the chain (the HTTP request's command), shared by
 * everything that followed from it, such as a reallocation after a quantity change;</li>
 * <li>{@value #CAUSATION_ID}: the id of the message whose handling produced this one;</li>
 * <li>{@value #COMMAND}: the name of the command that produced the event;</li>
 * <li>{@value #USER}: who sent that command ({@value #ANONYMOUS} when nobody signed in);</li>
 * <li>{@value #HASH}: the event's link in its product's hash chain (see the audit module).</li>
 * </ul>
 */
public final class AuditTrail {

    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final String COMMAND = "command";
    public static final String USER = "user";
    public static final String HASH = "hash";
    public static final String ANONYMOUS = "anonymous";

    private AuditTrail() {
    }
}
