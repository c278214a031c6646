package com.example.stock.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes when the read model is kept by another instance on the shared database (several instances on
 * Axon Server): a reader learns the read model's position from the token store. The store's head is at position 5
 * when the read is asked, and after a command. A command waits for the policies only when they may react to its
 * events.
 */
class ReadYourWritesAcrossInstancesTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final CommandGateway commandGateway = mock(CommandGateway.class);
    private final EventStore eventStore = mock(EventStore.class);
    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private final StreamingEventProcessor view = mock(StreamingEventProcessor.class);
    private final StreamingEventProcessor policy = mock(StreamingEventProcessor.class);
    private final StoredTokens storedTokens = mock(StoredTokens.class);
    private final ReadYourWrites readYourWrites =
            new ReadYourWrites(commandGateway, eventStore, processing, mock(StoredEvents.class), storedTokens,
                               new ReadYourWritesProperties(TIMEOUT));

    @BeforeEach
    void setUp() {
        when(commandGateway.sendAndWait(any())).thenReturn("done");
        when(eventStore.createHeadToken()).thenReturn(position(5));
        when(view.getName()).thenReturn("products-view");
        when(policy.getName()).thenReturn("reallocation-policy");
        when(processing.eventProcessors())
                .thenReturn(Map.<String, EventProcessor>of("products-view", view, "reallocation-policy", policy));
    }

    @Test
    void a_read_is_answered_once_the_position_stored_by_the_other_instance_has_passed_the_head() {
        when(view.processingStatus()).thenReturn(Map.of());
        when(storedTokens.of("products-view")).thenReturn(tokens(4L), tokens(5L));

        assertThat(readTime()).isLessThan(TIMEOUT);
    }

    @Test
    void a_read_waits_until_the_timeout_while_the_stored_position_is_behind() {
        when(view.processingStatus()).thenReturn(Map.of());
        when(storedTokens.of("products-view")).thenReturn(tokens(4L));

        assertThat(readTime()).isGreaterThanOrEqualTo(TIMEOUT);
    }

    @Test
    void waits_for_a_segment_with_no_position_yet() {
        when(view.processingStatus()).thenReturn(Map.of());
        when(storedTokens.of("products-view")).thenReturn(tokens(5L, null));

        assertThat(readTime()).isGreaterThanOrEqualTo(TIMEOUT);
    }

    @Test
    void a_processor_that_runs_wholly_here_is_asked_directly() {
        EventTrackerStatus whole = status(Segment.ROOT_SEGMENT, 5);
        when(view.processingStatus()).thenReturn(Map.of(0, whole));

        assertThat(readTime()).isLessThan(TIMEOUT);
        verifyNoInteractions(storedTokens);
    }

    @Test
    void a_processor_that_runs_partly_here_is_read_from_the_token_store_for_all_its_segments() {
        Segment[] halves = Segment.ROOT_SEGMENT.split();
        EventTrackerStatus half = status(halves[0], 5);
        when(view.processingStatus()).thenReturn(Map.of(0, half));
        when(storedTokens.of("products-view")).thenReturn(tokens(5L, 4L));

        assertThat(readTime()).isGreaterThanOrEqualTo(TIMEOUT);
    }

    @Test
    void a_command_is_answered_once_the_policies_have_passed_the_head_without_waiting_for_read_models() {
        when(policy.processingStatus()).thenReturn(Map.of());
        when(storedTokens.of("reallocation-policy")).thenReturn(tokens(4L), tokens(5L));
        when(view.processingStatus()).thenReturn(Map.of());
        when(storedTokens.of("products-view")).thenReturn(tokens(4L));

        long start = System.nanoTime();
        assertThat((String) readYourWrites.send("a command")).isEqualTo("done");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
        verify(storedTokens, times(2)).of("reallocation-policy");
    }

    @Test
    void a_command_whose_events_no_policy_handles_is_answered_without_waiting_for_the_policies() {
        TrackingEventProcessor policyOfOtherEvents = mock(TrackingEventProcessor.class, RETURNS_DEEP_STUBS);
        when(policyOfOtherEvents.getName()).thenReturn("reallocation-policy");
        when(policyOfOtherEvents.eventHandlerInvoker().canHandleType(String.class)).thenReturn(false);
        when(processing.eventProcessors())
                .thenReturn(Map.<String, EventProcessor>of("reallocation-policy", policyOfOtherEvents));
        when(commandGateway.sendAndWait(any())).thenAnswer(invocation -> publishedInItsUnitOfWork(
                invocation.getArgument(0), GenericEventMessage.asEventMessage("an event")));

        long start = System.nanoTime();
        assertThat((String) readYourWrites.send("a command")).isEqualTo("done");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
        verify(policyOfOtherEvents, never()).processingStatus();
        verify(eventStore, never()).createHeadToken();
    }

    /** What the command bus does with the command: handles it in a unit of work that publishes an event. */
    private String publishedInItsUnitOfWork(CommandMessage<?> command, EventMessage<?> event) {
        DefaultUnitOfWork.startAndGet(command).execute(() -> readYourWrites.handle(List.of(event)).apply(0, event));
        return "done";
    }

    private Duration readTime() {
        long start = System.nanoTime();
        readYourWrites.awaitReadModels();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static TrackingToken position(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    private static List<TrackingToken> tokens(Long... positions) {
        return Arrays.stream(positions).map(p -> p == null ? null : position(p)).toList();
    }

    private static EventTrackerStatus status(Segment segment, long position) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.getSegment()).thenReturn(segment);
        when(status.getTrackingToken()).thenReturn(position(position));
        return status;
    }
}
