package com.example.stock.shared;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends a command and returns once every read model shows its effect, so a client that reads right after a 2xx
 * sees what it wrote, with no extra parameter and no sleep.
 * <p>
 * The command's events lie after the head of the store read before sending and at or before the head read after
 * the command committed. Policies (processors that send commands in reaction) are awaited first, so the commands
 * they send are committed too; then the read models are awaited up to the head read after that. A processor has
 * passed a range when its position is at or past its end and none of its gaps in the range is a committed event:
 * a gap there that holds no event belongs to another transaction still open, or rolled back, never to ours.
 * <p>
 * A processor's position is read from the processor itself when this instance runs all of its segments (one
 * instance alone), else from the token store: with several instances on one database (on Axon Server) a processor
 * runs on one of them, and the others read how far it got there.
 */
@Component
public class ReadYourWrites {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);
    private static final long POLL_NANOS = 200_000;
    private static final long STORED_POLL_NANOS = 2_000_000;

    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final StoredEvents storedEvents;
    private final StoredTokens storedTokens;
    private final ReadYourWritesProperties properties;

    ReadYourWrites(CommandGateway commandGateway, EventStore eventStore, EventProcessingConfiguration processing,
                   StoredEvents storedEvents, StoredTokens storedTokens, ReadYourWritesProperties properties) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.processing = processing;
        this.storedEvents = storedEvents;
        this.storedTokens = storedTokens;
        this.properties = properties;
    }

    /** Sends the command, waits for its result and then for the read models; command failures propagate. */
    public <R> R send(Object command) {
        long before = head();
        R result = commandGateway.sendAndWait(command);
        long deadline = System.nanoTime() + properties.timeout().toNanos();
        long afterCommand = head();
        if (afterCommand > before) {
            boolean caughtUp = await(ProcessingGroups::isPolicy, before, afterCommand, deadline)
                    && await(ProcessingGroups::isView, before, head(), deadline);
            if (!caughtUp) {
                log.warn("Read models did not show the effect of {} within {}",
                         command.getClass().getSimpleName(), properties.timeout());
            }
        }
        return result;
    }

    /** Waits until every read model has handled the store up to {@code position}; false when the time ran out. */
    public boolean awaitReadModels(long position, Duration timeout) {
        return await(ProcessingGroups::isView, 0, position, System.nanoTime() + timeout.toNanos());
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private boolean await(Predicate<String> group, long after, long upTo, long deadline) {
        List<StreamingEventProcessor> processors =
                processing.eventProcessors().values().stream()
                          .filter(processor -> group.test(processor.getName()))
                          .filter(StreamingEventProcessor.class::isInstance)
                          .map(StreamingEventProcessor.class::cast)
                          .toList();
        for (StreamingEventProcessor processor : processors) {
            while (!hasPassed(processor, after, upTo)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                LockSupport.parkNanos(runsWhollyHere(processor.processingStatus().values())
                                              ? POLL_NANOS : STORED_POLL_NANOS);
            }
        }
        return true;
    }

    private boolean hasPassed(StreamingEventProcessor processor, long after, long upTo) {
        Collection<EventTrackerStatus> here = processor.processingStatus().values();
        if (runsWhollyHere(here)) {
            return here.stream().allMatch(segment -> hasPassed(segment.getTrackingToken(), after, upTo));
        }
        List<TrackingToken> stored = storedTokens.of(processor.getName());
        return !stored.isEmpty() && stored.stream().allMatch(token -> hasPassed(token, after, upTo));
    }

    /** Whether the segments this instance processes make up the whole processor (each is 1/(mask+1) of it). */
    private static boolean runsWhollyHere(Collection<EventTrackerStatus> segments) {
        long whole = 1L << 32;
        long here = segments.stream().mapToLong(segment -> whole / (segment.getSegment().getMask() + 1L)).sum();
        return here == whole;
    }

    private boolean hasPassed(TrackingToken token, long after, long upTo) {
        if (token == null || token.position().orElse(-1) < upTo) {
            return false;
        }
        if (WrappedToken.unwrapLowerBound(token) instanceof GapAwareTrackingToken gapAware) {
            var gapsInRange = gapAware.getGaps().subSet(after + 1, upTo + 1);
            return gapsInRange.isEmpty() || storedEvents.committedAmong(gapsInRange).isEmpty();
        }
        return true;
    }
}
