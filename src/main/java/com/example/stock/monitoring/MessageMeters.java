package com.example.stock.monitoring;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * The timers and counters of Axon's {@code MessageTimerMonitor} and {@code MessageCountingMonitor} together, under
 * their names and tags, with the meters of each set of tags looked up once. Axon's monitors build the identity of
 * each of their nine meters again for every message before the registry finds it; under load that was about 6 %
 * of all the service allocated (docs/benchmarks.md). Percentiles are not asked for: the registry's filter
 * ({@link MessageMetrics}) drops them anyway.
 */
final class MessageMeters implements MessageMonitor<Message<?>> {

    private final String prefix;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Function<Message<?>, Iterable<Tag>> timerTags;
    private final Function<Message<?>, Iterable<Tag>> counterTags;
    private final Map<Tags, Timers> timers = new ConcurrentHashMap<>();
    private final Map<Tags, Counters> counters = new ConcurrentHashMap<>();

    /** Timers and counters named {@code prefix.allTimer}, {@code prefix.ingestedCounter} and so on. */
    MessageMeters(String prefix, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> timerTags,
                  Function<Message<?>, Iterable<Tag>> counterTags) {
        this.prefix = prefix;
        this.registry = registry;
        this.clock = registry.config().clock();
        this.timerTags = timerTags;
        this.counterTags = counterTags;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Tags timerKey = Tags.of(timerTags.apply(message));
        // mostly one function for both: its tags are built once
        Tags counterKey = counterTags == timerTags ? timerKey : Tags.of(counterTags.apply(message));
        Timers timed = timers.computeIfAbsent(timerKey, this::timers);
        Counters counted = counters.computeIfAbsent(counterKey, this::counters);
        counted.ingested.increment();
        long started = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                timed.record(timed.success, clock.monotonicTime() - started);
                counted.processed.increment();
                counted.success.increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                timed.record(timed.failure, clock.monotonicTime() - started);
                counted.processed.increment();
                counted.failure.increment();
            }

            @Override
            public void reportIgnored() {
                timed.record(timed.ignored, clock.monotonicTime() - started);
                counted.ignored.increment();
            }
        };
    }

    private Timers timers(Tags tags) {
        return new Timers(timer("allTimer", tags), timer("successTimer", tags), timer("failureTimer", tags),
                          timer("ignoredTimer", tags));
    }

    private Timer timer(String name, Tags tags) {
        return Timer.builder(prefix + "." + name)
                    .distributionStatisticExpiry(Duration.ofMinutes(10))
                    .tags(tags)
                    .register(registry);
    }

    private Counters counters(Tags tags) {
        return new Counters(counter("ingestedCounter", tags), counter("successCounter", tags),
                            counter("failureCounter", tags), counter("processedCounter", tags),
                            counter("ignoredCounter", tags));
    }

    private Counter counter(String name, Tags tags) {
        return registry.counter(prefix + "." + name, tags);
    }

    /** Each message's time goes to the timer of all messages and to that of its outcome. */
    private record Timers(Timer all, Timer success, Timer failure, Timer ignored) {

        void record(Timer outcome, long nanos) {
            all.record(nanos, TimeUnit.NANOSECONDS);
            outcome.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private record Counters(Counter ingested, Counter success, Counter failure, Counter processed, Counter ignored) {
    }
}
