package com.example.stock.shared;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes without making writers wait for the read models. A command is answered once it is committed and,
 * when one of its events is of a type a policy (a processor that sends commands in reaction to events) handles, once
 * every policy has passed its events, so the commands they sent are committed too. A query on a read model ({@link ReadModelQuery}) is answered once every read model has
 * passed the head of the store as it stood when the query was asked: whatever a client was told is done, by this
 * instance or another, it then reads. Writers do not wait for projections, and projections, not held back by
 * waiting writers, take many events in one transaction under load.
 * <p>
 * A processor has passed a position when its own is at or past it and none of its gaps below it is a committed
 * event: a gap that holds no event belongs to a transaction still open, or rolled back, whose command has not been
 * answered.
 * Its position is read from the processor itself when this instance runs all of its segments (one instance alone),
 * else from the token store: with several instances on one database (on Axon Server) a processor runs on one of
 * them, and the others read how far it got there.
 */
@Component
public class ReadYourWrites implements MessageDispatchInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);
    private static final long POLL_NANOS = 200_000;
    private static final long STORED_POLL_NANOS = 2_000_000;
    private static final long WARNING_INTERVAL_NANOS = 10_000_000_000L;

    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final StoredEvents storedEvents;
    private final StoredTokens storedTokens;
    private final ReadYourWritesProperties properties;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS - 1);
    /** The types of the events published by each command being sent, by the command message's identifier. */
    private final Map<String, Set<Class<?>>> eventTypesOfCommands = new ConcurrentHashMap<>();
    private final Map<Class<?>, Boolean> handledByPolicies = new ConcurrentHashMap<>();

    ReadYourWrites(CommandGateway commandGateway, EventStore eventStore, EventProcessingConfiguration processing,
                   StoredEvents storedEvents, StoredTokens storedTokens, ReadYourWritesProperties properties) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.processing = processing;
        this.storedEvents = storedEvents;
        this.storedTokens = storedTokens;
        this.properties = properties;
        eventStore.registerDispatchInterceptor(this);
    }

    /**
     * Sends the command, waits for its result and then, when a policy may react to its events, until every policy
     * has passed the head of the store; command failures propagate. When its events were not seen here (the command
     * was handled by another instance, or stored none) the policies are awaited all the same. Events of an attempt
     * that was rolled back and retried only add types, so they can make the wait longer, never skip it. A command
     * no policy reacts to (an allocation) costs no query beyond its own.
     */
    public <R> R send(Object command) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        Set<Class<?>> eventTypes = ConcurrentHashMap.newKeySet();
        eventTypesOfCommands.put(message.getIdentifier(), eventTypes);
        try {
            R result = commandGateway.sendAndWait(message);
            boolean policiesMayReact = eventTypes.isEmpty() || eventTypes.stream().anyMatch(this::handledByPolicies);
            if (policiesMayReact && !await(ProcessingGroups::isPolicy, head(), deadline(properties.timeout()))) {
                warnLate("Policies did not react to " + message.getPayloadType().getSimpleName());
            }
            return result;
        } finally {
            eventTypesOfCommands.remove(message.getIdentifier());
        }
    }

    /** Notes the type of each event a command sent here publishes, as it is published in the command's unit of work. */
    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> events) {
        return (index, event) -> {
            CurrentUnitOfWork.map(unitOfWork -> eventTypesOfCommands.get(unitOfWork.root().getMessage().getIdentifier()))
                             .ifPresent(types -> types.add(event.getPayloadType()));
            return event;
        };
    }

    private boolean handledByPolicies(Class<?> eventType) {
        return handledByPolicies.computeIfAbsent(eventType, type -> processing
                .eventProcessors().values().stream()
                .filter(processor -> ProcessingGroups.isPolicy(processor.getName()))
                .anyMatch(processor -> !(processor instanceof AbstractEventProcessor known)
                        || known.eventHandlerInvoker().canHandleType(type)));
    }

    /**
     * Waits until every read model has handled what the store held when this was called; when the time runs out
     * the read goes ahead on what the read models hold, and a warning says so.
     */
    public void awaitReadModels() {
        if (!awaitReadModels(head(), properties.timeout())) {
            warnLate("A read was answered before the read models caught up");
        }
    }

    /** Waits until every read model has handled the store up to {@code position}; false when the time ran out. */
    public boolean awaitReadModels(long position, Duration timeout) {
        return await(ProcessingGroups::isView, position, deadline(timeout));
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    /** At most one warning in {@link #WARNING_INTERVAL_NANOS}: while read models catch up, every read is late. */
    private void warnLate(String what) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last > WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("{} within {} (stock.read-your-writes.timeout); is a processor behind or stopped?",
                     what, properties.timeout());
        }
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private boolean await(Predicate<String> group, long upTo, long deadline) {
        if (upTo < 0) {
            return true; // an empty store: nothing to wait for
        }
        List<StreamingEventProcessor> processors =
                processing.eventProcessors().values().stream()
                          .filter(processor -> group.test(processor.getName()))
                          .filter(StreamingEventProcessor.class::isInstance)
                          .map(StreamingEventProcessor.class::cast)
                          .toList();
        List<StreamingEventProcessor> behind =
                processors.stream().filter(processor -> !hasPassed(processor, upTo)).toList();
        return behind.isEmpty() || RequestLanes.outsideLane(() -> awaitPassed(behind, upTo, deadline));
    }

    private boolean awaitPassed(List<StreamingEventProcessor> processors, long upTo, long deadline) {
        for (StreamingEventProcessor processor : processors) {
            while (!hasPassed(processor, upTo)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                LockSupport.parkNanos(runsWhollyHere(processor.processingStatus().values())
                                              ? POLL_NANOS : STORED_POLL_NANOS);
            }
        }
        return true;
    }

    private boolean hasPassed(StreamingEventProcessor processor, long upTo) {
        Collection<EventTrackerStatus> here = processor.processingStatus().values();
        if (runsWhollyHere(here)) {
            return here.stream().allMatch(segment -> hasPassed(segment.getTrackingToken(), upTo));
        }
        List<TrackingToken> stored = storedTokens.of(processor.getName());
        return !stored.isEmpty() && stored.stream().allMatch(token -> hasPassed(token, upTo));
    }

    /** Whether the segments this instance processes make up the whole processor (each is 1/(mask+1) of it). */
    private static boolean runsWhollyHere(Collection<EventTrackerStatus> segments) {
        long whole = 1L << 32;
        long here = segments.stream().mapToLong(segment -> whole / (segment.getSegment().getMask() + 1L)).sum();
        return here == whole;
    }

    private boolean hasPassed(TrackingToken token, long upTo) {
        if (token == null || token.position().orElse(-1) < upTo) {
            return false;
        }
        if (WrappedToken.unwrapLowerBound(token) instanceof GapAwareTrackingToken gapAware) {
            var gapsBelow = gapAware.getGaps().headSet(upTo + 1);
            return gapsBelow.isEmpty() || storedEvents.committedAmong(gapsBelow).isEmpty();
        }
        return true;
    }
}
