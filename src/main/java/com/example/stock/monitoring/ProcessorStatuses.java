package com.example.stock.monitoring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.example.stock.audit.ListProcessors;
import com.example.stock.audit.ProcessorStatus;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Every processor's state and lag, asked of the audit module, which computes them. The names of the processors come
 * from the configuration, so they are known even when the statuses cannot be read (on Axon Server, while the server
 * cannot be reached, the head of the store is unknown).
 */
@Component
class ProcessorStatuses {

    /** A scrape reads one gauge a processor; for that long one answer serves them all. */
    private static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final QueryGateway queries;
    private final EventProcessingConfiguration processing;
    private volatile Snapshot last = new Snapshot(Map.of(), 0);

    ProcessorStatuses(QueryGateway queries, EventProcessingConfiguration processing) {
        this.queries = queries;
        this.processing = processing;
    }

    List<String> names() {
        return processing.eventProcessors().keySet().stream().sorted().toList();
    }

    /** The processors that track their own position and so can lag behind the store. */
    List<String> streaming() {
        return processing.eventProcessors().values().stream()
                         .filter(StreamingEventProcessor.class::isInstance)
                         .map(EventProcessor::getName)
                         .sorted()
                         .toList();
    }

    /** As they are now, by name; fails when they cannot be read. */
    Map<String, ProcessorStatus> current() {
        Map<String, ProcessorStatus> statuses =
                queries.query(new ListProcessors(), ResponseTypes.multipleInstancesOf(ProcessorStatus.class))
                       .join().stream()
                       .collect(Collectors.toMap(ProcessorStatus::name, Function.identity()));
        last = new Snapshot(statuses, System.nanoTime());
        return statuses;
    }

    /** As they were at most a second ago; fails when they cannot be read. */
    Map<String, ProcessorStatus> recent() {
        Snapshot snapshot = last;
        return System.nanoTime() - snapshot.takenAt() < FRESH_FOR.toNanos() ? snapshot.statuses() : current();
    }

    private record Snapshot(Map<String, ProcessorStatus> statuses, long takenAt) {
    }
}
