package com.example.stock.monitoring;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MessageMetricsTest {

    record Allocate(String order) {
    }

    private final MockClock clock = new MockClock();
    private final MeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final MessageMonitor<? super CommandMessage<?>> commandBus =
            new MessageMetrics().processorMetricsWithoutCapacity(registry)
                                .registerCommandBus("commandBus", TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION);

    @Test
    void the_command_bus_capacity_is_the_share_of_the_last_minute_its_handlers_were_busy() {
        handleFor(Duration.ofSeconds(6));
        handleFor(Duration.ofSeconds(3));

        assertThat(capacity()).isCloseTo(9.0 / 60, within(1e-9));
    }

    @Test
    void the_command_bus_capacity_forgets_a_command_handled_over_a_minute_ago() {
        handleFor(Duration.ofSeconds(6));
        clock.add(Duration.ofSeconds(58));
        handleFor(Duration.ofSeconds(3));

        assertThat(capacity()).isCloseTo(3.0 / 60, within(1e-9));
        clock.add(Duration.ofSeconds(61));
        assertThat(capacity()).isZero();
    }

    private void handleFor(Duration busy) {
        MessageMonitor.MonitorCallback handling =
                commandBus.onMessageIngested(GenericCommandMessage.asCommandMessage(new Allocate("order-1")));
        clock.add(busy);
        handling.reportSuccess();
    }

    private double capacity() {
        return registry.get("commandBus.capacity").tag("payloadType", "Allocate").gauge().value();
    }
}
