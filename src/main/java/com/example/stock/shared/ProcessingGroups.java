package com.example.stock.shared;

/**
 * How processing groups are named, so that {@link ReadYourWrites} knows whom to wait for and the dead-letter queue
 * whom to serve: a read model is a "-view", a process that sends commands in reaction to events is a "-policy",
 * one that tells people is a "-notifications".
 */
public final class ProcessingGroups {

    public static final String VIEW = "-view";
    public static final String POLICY = "-policy";
    /** Tells people something (mail); never waited for, and its failures are parked like a view's. */
    public static final String NOTIFICATIONS = "-notifications";

    private ProcessingGroups() {
    }

    static boolean isView(String processingGroup) {
        return processingGroup.endsWith(VIEW);
    }

    static boolean isPolicy(String processingGroup) {
        return processingGroup.endsWith(POLICY);
    }

    /**
     * Whether an event the group fails on is parked in the dead-letter queue so the group goes on with other
     * products' events. Policies are not: their failures are retried in place, so no reallocation is skipped.
     */
    static boolean parksFailures(String processingGroup) {
        return isView(processingGroup) || processingGroup.endsWith(NOTIFICATIONS);
    }
}
