package com.example.stock.monitoring;

import java.time.Duration;
import java.util.List;

import com.example.stock.audit.ListProcessors;
import com.example.stock.audit.ProcessorStatus;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Every processor's state and lag, asked of the audit module. A scrape reads one gauge per processor; the answer is
 * kept for a moment so that one scrape asks once, not once a processor.
 */
@Component
class ProcessorStatuses {

    private static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final QueryGateway queries;
    private volatile Snapshot last = new Snapshot(List.of(), 0);

    ProcessorStatuses(QueryGateway queries) {
        this.queries = queries;
    }

    /** As they are now. */
    List<ProcessorStatus> current() {
        List<ProcessorStatus> statuses =
                queries.query(new ListProcessors(), ResponseTypes.multipleInstancesOf(ProcessorStatus.class)).join();
        last = new Snapshot(statuses, System.nanoTime());
        return statuses;
    }

    /** As they were at most a second ago. */
    List<ProcessorStatus> recent() {
        Snapshot snapshot = last;
        return System.nanoTime() - snapshot.takenAt() < FRESH_FOR.toNanos() ? snapshot.statuses() : current();
    }

    private record Snapshot(List<ProcessorStatus> statuses, long takenAt) {
    }
}
