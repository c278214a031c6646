package com.example.stock.monitoring;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.queryhandling.QueryMessage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's metrics of commands, events and queries, less three of its defaults that cost more than they tell here:
 * <ul>
 * <li>percentiles computed in the service (an HdrHistogram per timer, updated on each message): the timers keep
 * their count, sum and maximum, from which Prometheus derives rates and means;</li>
 * <li>the capacity of each event processor, which keeps the time of every event of its window: a processor catching
 * up on a large store handles tens of thousands a second, and those millions of entries filled the heap.
 * Each processor's latency and lag (in health and as {@code stock.processor.lag}) say how it keeps up;</li>
 * <li>the buses' capacity over ten minutes: it keeps the time of every message of its window, and ten minutes of
 * allocations under load were hundreds of thousands of entries that filled the old generation, until full
 * collections ran back to back (docs/benchmarks.md). Over the last minute here.</li>
 * </ul>
 * The timers and counters of the buses and processors are Axon's, recorded by {@link MessageMeters}, which finds
 * each meter once rather than for every message.
 */
@Configuration(proxyBeanMethods = false)
class MessageMetrics {

    /** The window of the buses' capacity: what share of the time their handlers were busy over it. */
    private static final long CAPACITY_WINDOW_SECONDS = 60;

    private static final DistributionStatisticConfig NO_PERCENTILES =
            DistributionStatisticConfig.builder().percentiles().build();

    @Bean
    MeterFilter timersWithoutPercentiles() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getType() == Meter.Type.TIMER && config.isPublishingPercentiles()
                        ? NO_PERCENTILES.merge(config)
                        : config;
            }
        };
    }

    @Bean
    GlobalMetricRegistry processorMetricsWithoutCapacity(MeterRegistry registry) {
        return new GlobalMetricRegistry(registry) {
            @Override
            public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
                    String processor, Function<Message<?>, Iterable<Tag>> tags,
                    Function<Message<?>, Iterable<Tag>> latencyTags) {
                return new MultiMessageMonitor<>(List.of(
                        new MessageMeters(processor, getRegistry(), tags, tags),
                        EventProcessorLatencyMonitor.builder().meterNamePrefix(processor).meterRegistry(getRegistry())
                                                    .tagsBuilder(latencyTags).build()));
            }

            @Override
            public MessageMonitor<? super CommandMessage<?>> registerCommandBus(
                    String name, Function<Message<?>, Iterable<Tag>> tags) {
                return handlers(name, tags);
            }

            @Override
            public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(
                    String name, Function<Message<?>, Iterable<Tag>> tags) {
                return handlers(name, tags);
            }

            /** As Axon counts the events published: timed by tags, counted without. */
            @Override
            public MessageMonitor<? super EventMessage<?>> registerEventBus(
                    String name, Function<Message<?>, Iterable<Tag>> tags) {
                return new MessageMeters(name, getRegistry(), tags, message -> Tags.empty());
            }

            private MessageMonitor<Message<?>> handlers(String name, Function<Message<?>, Iterable<Tag>> tags) {
                return new MultiMessageMonitor<>(List.of(new MessageMeters(name, getRegistry(), tags, tags),
                                                         CapacityMonitor.buildMonitor(
                                                                 name, getRegistry(), CAPACITY_WINDOW_SECONDS,
                                                                 TimeUnit.SECONDS, getRegistry().config().clock(),
                                                                 tags)));
            }
        };
    }
}
