package com.example.stock.monitoring;

import com.example.stock.audit.ProcessorStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The gauge {@value #NAME} (Prometheus: {@code stock_processor_lag_events}), one per streaming event processor (tag
 * {@code processor}): how many events of the store it has still to handle. Not a number while it has no position on
 * this instance (it runs on another) or the statuses cannot be read. Subscribing processors handle events in the
 * transaction that stores them and are never behind. Registered once the processors are configured.
 */
@Component
class ProcessorLagMetrics {

    static final String NAME = "stock.processor.lag";

    private final ProcessorStatuses statuses;
    private final MeterRegistry registry;

    ProcessorLagMetrics(ProcessorStatuses statuses, MeterRegistry registry) {
        this.statuses = statuses;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerGauges() {
        statuses.streaming().forEach(processor -> Gauge.builder(NAME, () -> lagOf(processor))
                                                       .tag("processor", processor)
                                                       .baseUnit("events")
                                                       .description("Events in the store the processor has still to handle")
                                                       .register(registry));
    }

    private double lagOf(String processor) {
        try {
            ProcessorStatus status = statuses.recent().get(processor);
            return status == null || status.lag() == null ? Double.NaN : status.lag();
        } catch (RuntimeException unreadable) {
            return Double.NaN;
        }
    }
}
