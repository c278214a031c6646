package com.example.stock.shared;

/**
 * How processing groups are named, so that {@link ReadYourWrites} knows whom to wait for: a read model is a
 * "-view", a process that sends commands in reaction to events is a "-policy". Groups with other names (for
 * example notifications) are not waited for.
 */
public final class ProcessingGroups {

    public static final String VIEW = "-view";
    public static final String POLICY = "-policy";

    private ProcessingGroups() {
    }

    static boolean isView(String processingGroup) {
        return processingGroup.endsWith(VIEW);
    }

    static boolean isPolicy(String processingGroup) {
        return processingGroup.endsWith(POLICY);
    }
}
