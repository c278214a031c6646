package com.example.stock.shared;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints why the service refused to start and what to do, in place of the stack trace. */
class RefusedToStartFailureAnalyzer extends AbstractFailureAnalyzer<RefusedToStart> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RefusedToStart cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
