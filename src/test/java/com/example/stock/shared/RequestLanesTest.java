package com.example.stock.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.coyote.ProtocolHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Requests are worked on in lanes, one for each core by default; a request that waits gives its lane up meanwhile. */
class RequestLanesTest {

    private final List<RequestLanes> started = new ArrayList<>();
    private final CountDownLatch finish = new CountDownLatch(1);

    @AfterEach
    void stop() throws InterruptedException {
        finish.countDown();
        for (RequestLanes lanes : started) {
            lanes.destroy();
        }
    }

    @Test
    void no_more_requests_are_worked_on_at_once_than_there_are_lanes() throws Exception {
        Executor requests = lanes(2);
        AtomicInteger atWork = new AtomicInteger(), mostAtOnce = new AtomicInteger();
        CountDownLatch twoAtWork = new CountDownLatch(2), allDone = new CountDownLatch(4);

        for (int i = 0; i < 4; i++) {
            requests.execute(() -> {
                mostAtOnce.accumulateAndGet(atWork.incrementAndGet(), Math::max);
                twoAtWork.countDown();
                await(finish); // work, not a wait marked as one: it keeps its lane
                atWork.decrementAndGet();
                allDone.countDown();
            });
        }
        assertThat(twoAtWork.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(100); // time for a third to start, were it let
        assertThat(atWork.get()).isEqualTo(2);
        finish.countDown();

        assertThat(allDone.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(mostAtOnce.get()).as("most at work at once, of four").isEqualTo(2);
    }

    @Test
    void a_request_that_waits_lets_the_next_one_work_in_its_lane() throws Exception {
        Executor requests = lanes(1);
        CountDownLatch firstWaits = new CountDownLatch(1), nextWorked = new CountDownLatch(1);
        List<String> happened = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> waiting = new CompletableFuture<>();

        requests.execute(() -> {
            boolean over = RequestLanes.outsideLane(() -> {
                happened.add("first waits");
                firstWaits.countDown();
                return await(nextWorked);
            });
            happened.add("first works again, its wait over: " + over);
            waiting.complete(null);
        });
        assertThat(firstWaits.await(5, TimeUnit.SECONDS)).isTrue();
        requests.execute(() -> {
            happened.add("next works");
            nextWorked.countDown();
        });

        waiting.get(5, TimeUnit.SECONDS);
        assertThat(happened).containsExactly("first waits", "next works", "first works again, its wait over: true");
    }

    @Test
    void a_wait_that_fails_fails_with_its_own_exception() {
        assertThatThrownBy(() -> RequestLanes.outsideLane(() -> {
            throw new IOException("the client went");
        })).isInstanceOf(IOException.class).hasMessage("the client went");
    }

    @Test
    void a_wait_outside_any_lane_is_just_a_wait() throws Exception {
        assertThat(RequestLanes.<String, RuntimeException>outsideLane(() -> "over")).isEqualTo("over");
    }

    @Test
    void at_once_must_be_at_least_one() {
        assertThatThrownBy(() -> new RequestLanes(new RequestLanesProperties(0)))
                .hasMessageContaining("stock.requests.at-once must be at least 1");
    }

    /** The lanes, as Tomcat gets them to run its requests. */
    private Executor lanes(int count) {
        RequestLanes lanes = new RequestLanes(new RequestLanesProperties(count));
        started.add(lanes);
        ProtocolHandler tomcat = mock(ProtocolHandler.class);
        lanes.customize(tomcat);
        ArgumentCaptor<Executor> executor = ArgumentCaptor.forClass(Executor.class);
        verify(tomcat).setExecutor(executor.capture());
        return executor.getValue();
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
