package com.example.stock.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.example.stock.audit.ProcessorStatus;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The health component {@code eventProcessors}, with one component per event processor: DOWN when the processor is
 * in error (then the service is DOWN too), UP otherwise, with its state, position, the head of the store and its lag
 * in the details. A processor that has no segment on this instance (it runs on another, on Axon Server) has no
 * position here, which is not a fault.
 */
@Component("eventProcessors")
class EventProcessorsHealth implements CompositeHealthContributor {

    private final ProcessorStatuses statuses;

    EventProcessorsHealth(ProcessorStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public HealthContributor getContributor(String name) {
        return statuses.current().stream()
                       .filter(status -> status.name().equals(name))
                       .findFirst()
                       .map(EventProcessorsHealth::indicator)
                       .orElse(null);
    }

    /** One question for all processors, so their details are of the same moment. */
    @Override
    public Stream<Entry> stream() {
        return statuses.current().stream().map(status -> new Entry(status.name(), indicator(status)));
    }

    private static HealthIndicator indicator(ProcessorStatus status) {
        return () -> health(status);
    }

    static Health health(ProcessorStatus status) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", status.state());
        details.put("kind", status.kind());
        if (status.position() != null) {
            details.put("position", status.position());
        }
        details.put("head", status.head());
        if (status.lag() != null) {
            details.put("lag", status.lag());
        }
        if (status.rebuild() != null) {
            details.put("rebuild", status.rebuild());
        }
        Health.Builder health = "error".equals(status.state()) ? Health.down() : Health.up();
        return health.withDetails(details).build();
    }
}
