package com.example.stock.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes when the read model is kept by another instance on the shared database (several instances on
 * Axon Server): the command's sender learns the read model's position from the token store. The command's events
 * are at position 5 of the store (the head was 4 before it, 5 after).
 */
class ReadYourWritesAcrossInstancesTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final CommandGateway commandGateway = mock(CommandGateway.class);
    private final EventStore eventStore = mock(EventStore.class);
    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private final StreamingEventProcessor view = mock(StreamingEventProcessor.class);
    private final StoredTokens storedTokens = mock(StoredTokens.class);
    private final ReadYourWrites readYourWrites =
            new ReadYourWrites(commandGateway, eventStore, processing, mock(StoredEvents.class), storedTokens,
                               new ReadYourWritesProperties(TIMEOUT));

    @BeforeEach
    void setUp() {
        when(commandGateway.sendAndWait(any())).thenReturn("done");
        when(eventStore.createHeadToken()).thenReturn(position(4), position(5));
        when(view.getName()).thenReturn("products-view");
        when(processing.eventProcessors()).thenReturn(Map.<String, EventProcessor>of("products-view", view));
    }

    @Test
    void answers_once_the_position_stored_by_the_other_instance_has_passed_the_command() {
        when(view.processingStatus()).thenReturn(Map.of());
        when(storedTokens.of("products-view")).thenReturn(tokens(4L), tokens(5L));

        assertThat(answerTime()).isLessThan(TIMEOUT);
    }

    @Test
    void waits_until_the_timeout_while_the_stored_position_is_behind() {
        when(view.processingStatus()).thenReturn(Map.of());
        when(storedTokens.of("products-view")).thenReturn(tokens(4L));

        assertThat(answerTime()).isGreaterThanOrEqualTo(TIMEOUT);
    }

    @Test
    void waits_for_a_segment_with_no_position_yet() {
        when(view.processingStatus()).thenReturn(Map.of());
        when(storedTokens.of("products-view")).thenReturn(tokens(5L, null));

        assertThat(answerTime()).isGreaterThanOrEqualTo(TIMEOUT);
    }

    @Test
    void a_processor_that_runs_wholly_here_is_asked_directly() {
        EventTrackerStatus whole = status(Segment.ROOT_SEGMENT, 5);
        when(view.processingStatus()).thenReturn(Map.of(0, whole));

        assertThat(answerTime()).isLessThan(TIMEOUT);
        verifyNoInteractions(storedTokens);
    }

    @Test
    void a_processor_that_runs_partly_here_is_read_from_the_token_store_for_all_its_segments() {
        Segment[] halves = Segment.ROOT_SEGMENT.split();
        EventTrackerStatus half = status(halves[0], 5);
        when(view.processingStatus()).thenReturn(Map.of(0, half));
        when(storedTokens.of("products-view")).thenReturn(tokens(5L, 4L));

        assertThat(answerTime()).isGreaterThanOrEqualTo(TIMEOUT);
    }

    private Duration answerTime() {
        long start = System.nanoTime();
        assertThat((String) readYourWrites.send("a command")).isEqualTo("done");
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
