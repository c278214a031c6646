package com.example.stock.shared;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

/** Positions of a policy that only passed over events are written at most once per interval; others always. */
class PassedOverPositionsTest {

    private static final String POLICY = "reallocation-policy";
    private static final String VIEW = "products-view";

    private final TokenStore database = mock(TokenStore.class);
    private final TokenStore positions =
            new PassedOverPositions(database, name -> !ProcessingGroups.isView(name), Duration.ofMinutes(1));

    @Test
    void a_policy_that_passed_over_events_again_within_the_interval_is_not_written_again() {
        positions.storeToken(at(1), POLICY, 0);
        positions.storeToken(at(2), POLICY, 0);
        positions.storeToken(at(3), POLICY, 0);

        verify(database).storeToken(at(1), POLICY, 0);
        verify(database, never()).storeToken(at(2), POLICY, 0);
        verify(database, never()).storeToken(at(3), POLICY, 0);
    }

    @Test
    void a_policy_position_is_written_again_once_the_interval_has_passed() throws InterruptedException {
        TokenStore briefly = new PassedOverPositions(database, name -> true, Duration.ofMillis(20));
        briefly.storeToken(at(1), POLICY, 0);
        Thread.sleep(30);

        briefly.storeToken(at(2), POLICY, 0);

        verify(database).storeToken(at(2), POLICY, 0);
    }

    @Test
    void a_position_stored_with_the_events_the_policy_handled_is_always_written() {
        positions.storeToken(at(1), POLICY, 0);

        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("handled"))
                         .execute(() -> positions.storeToken(at(2), POLICY, 0));

        verify(database).storeToken(at(2), POLICY, 0);
    }

    @Test
    void a_position_that_moves_back_is_written_at_once() {
        positions.storeToken(at(5), POLICY, 0);

        positions.storeToken(at(1), POLICY, 0);

        verify(database).storeToken(at(1), POLICY, 0);
    }

    @Test
    void a_read_model_position_is_always_written_since_readers_elsewhere_wait_for_it() {
        positions.storeToken(at(1), VIEW, 0);
        positions.storeToken(at(2), VIEW, 0);

        verify(database, times(1)).storeToken(at(1), VIEW, 0);
        verify(database, times(1)).storeToken(at(2), VIEW, 0);
    }

    @Test
    void each_segment_has_its_own_interval() {
        positions.storeToken(at(1), POLICY, 0);

        positions.storeToken(at(2), POLICY, 1);

        verify(database).storeToken(at(2), POLICY, 1);
    }

    private static TrackingToken at(long position) {
        return new GlobalSequenceTrackingToken(position);
    }
}
