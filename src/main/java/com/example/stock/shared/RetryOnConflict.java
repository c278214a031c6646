package com.example.stock.shared;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Sends a command again when it lost a race for its product: another node (or a stale cached copy) appended the
 * product's next event first. The product is loaded afresh and decides again, so the client sees no error.
 * Nothing else is retried: a rejected command stays rejected.
 */
final class RetryOnConflict implements RetryScheduler {

    private final RetryScheduler backOff;

    RetryOnConflict(ScheduledExecutorService executor, int maxRetries, long firstIntervalMillis) {
        this.backOff = ExponentialBackOffIntervalRetryScheduler.builder()
                                                               .retryExecutor(executor)
                                                               .maxRetryCount(maxRetries)
                                                               .backoffFactor(firstIntervalMillis)
                                                               .nonTransientFailurePredicate(failure -> false)
                                                               .build();
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        return isConflict(lastFailure) && backOff.scheduleRetry(commandMessage, lastFailure, failures, dispatchTask);
    }

    static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
