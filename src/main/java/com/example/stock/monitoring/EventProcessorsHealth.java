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
 * position here, which is not a fault. When the statuses cannot be read at all, every processor is DOWN with the
 * reason.
 */
@Component("eventProcessors")
class EventProcessorsHealth implements CompositeHealthContributor {

    private final ProcessorStatuses statuses;

    EventProcessorsHealth(ProcessorStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public HealthContributor getContributor(String name) {
        return statuses.names().contains(name) ? indicator(healthOfEach().get(name)) : null;
    }

    @Override
    public Stream<Entry> stream() {
        return healthOfEach().entrySet().stream().map(each -> new Entry(each.getKey(), indicator(each.getValue())));
    }

    /** One question for all processors, so their details are of the same moment. */
    private Map<String, Health> healthOfEach() {
        Map<String, Health> healths = new LinkedHashMap<>();
        try {
            Map<String, ProcessorStatus> current = statuses.current();
            statuses.names().forEach(name -> healths.put(name, current.containsKey(name)
                    ? health(current.get(name)) : Health.unknown().build()));
        } catch (RuntimeException unreadable) {
            statuses.names().forEach(name -> healths.put(name, Health.down(unreadable).build()));
        }
        return healths;
    }

    private static HealthIndicator indicator(Health health) {
        return () -> health;
    }

    private static Health health(ProcessorStatus status) {
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
