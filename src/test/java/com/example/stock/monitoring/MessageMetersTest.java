package com.example.stock.monitoring;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.sun.management.ThreadMXBean;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageMetersTest {

    private static final Function<Message<?>, Iterable<Tag>> PAYLOAD_TYPE = TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION;

    record Allocated(String order) {
    }

    record Deallocated(String order) {
    }

    @Test
    void records_what_axons_own_monitors_record_under_the_same_names_and_tags() {
        MeterRegistry axons = new SimpleMeterRegistry();
        MeterRegistry ours = new SimpleMeterRegistry();
        MessageMonitor<Message<?>> axonMonitors = new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor("commandBus", axons, PAYLOAD_TYPE),
                MessageCountingMonitor.buildMonitor("commandBus", axons, PAYLOAD_TYPE)));
        MessageMonitor<Message<?>> meters = new MessageMeters("commandBus", ours, PAYLOAD_TYPE, PAYLOAD_TYPE);

        for (MessageMonitor<Message<?>> monitor : List.of(axonMonitors, meters)) {
            monitor.onMessageIngested(message(new Allocated("o-1"))).reportSuccess();
            monitor.onMessageIngested(message(new Allocated("o-2"))).reportSuccess();
            monitor.onMessageIngested(message(new Allocated("o-3"))).reportFailure(new IllegalStateException());
            monitor.onMessageIngested(message(new Deallocated("o-1"))).reportIgnored();
        }

        assertThat(countsOf(ours)).isEqualTo(countsOf(axons))
                                  .containsEntry("commandBus.allTimer" + Tags.of("payloadType", "Allocated"), 3.0)
                                  .containsEntry("commandBus.processedCounter" + Tags.of("payloadType", "Allocated"), 3.0)
                                  .containsEntry("commandBus.ignoredTimer" + Tags.of("payloadType", "Deallocated"), 1.0);
    }

    @Test
    void counts_without_tags_where_it_is_told_to_as_axon_does_for_the_events_published() {
        MeterRegistry registry = new SimpleMeterRegistry();
        MessageMonitor<Message<?>> meters = new MessageMeters("eventStore", registry, PAYLOAD_TYPE, message -> Tags.empty());

        meters.onMessageIngested(message(new Allocated("o-1"))).reportSuccess();
        meters.onMessageIngested(message(new Deallocated("o-1"))).reportSuccess();

        assertThat(registry.get("eventStore.ingestedCounter").tags(Tags.empty()).counter().count()).isEqualTo(2.0);
        assertThat(registry.get("eventStore.allTimer").tag("payloadType", "Allocated").timer().count()).isEqualTo(1);
    }

    @Test
    void allocates_a_fraction_of_what_axons_own_monitors_allocate_for_each_message() {
        MessageMonitor<Message<?>> axonMonitors = new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor("eventProcessor", new SimpleMeterRegistry(), PAYLOAD_TYPE),
                MessageCountingMonitor.buildMonitor("eventProcessor", new SimpleMeterRegistry(), PAYLOAD_TYPE)));
        MessageMonitor<Message<?>> meters =
                new MessageMeters("eventProcessor", new SimpleMeterRegistry(), PAYLOAD_TYPE, PAYLOAD_TYPE);
        Message<?> message = message(new Allocated("o-1"));

        long axons = bytesAllocatedMonitoring(axonMonitors, message);
        long ours = bytesAllocatedMonitoring(meters, message);

        assertThat(ours).isLessThan(axons / 4);
    }

    private static long bytesAllocatedMonitoring(MessageMonitor<Message<?>> monitor, Message<?> message) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            monitor.onMessageIngested(message).reportSuccess();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20_000; i++) {
            monitor.onMessageIngested(message).reportSuccess();
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    private static Message<?> message(Object payload) {
        return GenericEventMessage.asEventMessage(payload);
    }

    /**
     * Each timer's and counter's name and tags with how many messages it saw; not the gauges of the percentiles that
     * Axon's timers ask for, which the service's registry drops.
     */
    private static Map<String, Double> countsOf(MeterRegistry registry) {
        Map<String, Double> counts = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            String name = meter.getId().getName() + Tags.of(meter.getId().getTags());
            if (meter instanceof Timer timer) {
                counts.put(name, (double) timer.count());
            } else if (meter instanceof Counter counter) {
                counts.put(name, counter.count());
            }
        }
        return counts;
    }
}
