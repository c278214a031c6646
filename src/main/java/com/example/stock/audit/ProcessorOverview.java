package com.example.stock.audit;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.example.stock.shared.ReadModel;
import com.example.stock.shared.ReadModelGenerations;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Every processor's position against the head of the store. Progress is computed from positions, not from the
 * processors' own replay flags, which do not say how far along they are.
 */
@Component
class ProcessorOverview {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ReadModelGenerations generations;
    private final ReadModelRebuilds rebuilds;
    private final Set<String> readModels;

    ProcessorOverview(EventProcessingConfiguration processing, EventStore eventStore,
                      ReadModelGenerations generations, ReadModelRebuilds rebuilds, List<ReadModel> readModels) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.generations = generations;
        this.rebuilds = rebuilds;
        this.readModels = readModels.stream().map(ReadModel::name).collect(Collectors.toSet());
    }

    @QueryHandler
    List<ProcessorStatus> handle(ListProcessors query) {
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? 0 : headToken.position().orElse(0);
        return processing.eventProcessors().values().stream()
                         .sorted(Comparator.comparing(EventProcessor::getName))
                         .map(processor -> statusOf(processor, head))
                         .toList();
    }

    private ProcessorStatus statusOf(EventProcessor processor, long head) {
        String name = processor.getName();
        String generation = readModels.contains(name) ? generations.active(name) : null;
        RebuildStatus rebuild = rebuilds.running(name).orElse(null);
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return new ProcessorStatus(name, "subscribing", processor.isRunning() ? "running" : "stopped", null, head,
                                       null, generation, rebuild);
        }
        var segments = streaming.processingStatus().values();
        boolean error = streaming.isError() || segments.stream().anyMatch(EventTrackerStatus::isErrorState);
        Long position = segments.isEmpty() ? null : segments.stream()
                                                            .mapToLong(segment -> segment.getCurrentPosition().orElse(0))
                                                            .min().orElse(0);
        String state = error ? "error" : streaming.isRunning() ? "running" : "stopped";
        return new ProcessorStatus(name, "streaming", state, position, head,
                                   position == null ? null : Math.max(0, head - position), generation, rebuild);
    }
}
