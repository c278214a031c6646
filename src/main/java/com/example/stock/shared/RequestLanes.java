package com.example.stock.shared;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import org.apache.coyote.ProtocolHandler;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.stereotype.Component;

/**
 * The threads that work on requests: as many at work at once as there are lanes, by default one for each core, each
 * taking the next request as it finishes one. With a thread for each request at work, more than there were cores,
 * the scheduler ran them in slices: a request descheduled while it held a product's lock, or H2's, kept the others
 * waiting, and every lock changed hands between sleeping threads (docs/benchmarks.md).
 * <p>
 * A request that waits for something other than a core gives its lane to a thread that takes the next request
 * meanwhile, so that waiting never holds the others up: a wait for the read models or the policies
 * ({@link ReadYourWrites}), for Axon Server's answer, for a client's body or for a client to take a large answer.
 * The lanes are a {@link ForkJoinPool}, whose managed blocking does exactly that: {@link #outsideLane} marks a wait,
 * and a wait for a {@code CompletableFuture} (Axon Server's answer to a command or a query) is marked already.
 */
@Component
public class RequestLanes implements TomcatProtocolHandlerCustomizer<ProtocolHandler>, MeterBinder, DisposableBean {

    /**
     * Threads beyond the lanes, for requests that wait. Past them a request waits in its lane (the pool is saturated),
     * rather than fail.
     */
    private static final int WAITING_AT_MOST = 1_000;

    private final ForkJoinPool lanes;
    private final AtomicInteger threads = new AtomicInteger();

    RequestLanes(RequestLanesProperties properties) {
        int count = properties.atOnce() == null ? Runtime.getRuntime().availableProcessors() : properties.atOnce();
        if (count < 1) {
            throw new IllegalArgumentException("stock.requests.at-once must be at least 1, was " + count);
        }
        ClassLoader application = RequestLanes.class.getClassLoader();
        // every lane kept running (minimum runnable = lanes): a waiting request's lane goes to another thread
        this.lanes = new ForkJoinPool(count, pool -> laneThread(pool, application), null, true, count,
                                      count + WAITING_AT_MOST, count, saturated -> true, 60, TimeUnit.SECONDS);
    }

    private ForkJoinWorkerThread laneThread(ForkJoinPool pool, ClassLoader application) {
        ForkJoinWorkerThread thread = new ForkJoinWorkerThread(pool) { };
        thread.setName("request-" + threads.incrementAndGet());
        thread.setContextClassLoader(application);
        return thread;
    }

    @Override
    public void customize(ProtocolHandler protocolHandler) {
        protocolHandler.setExecutor(lanes);
    }

    /** The lanes' threads at work and in all, and the requests queued for a lane, as {@code executor_*{name="requests"}}. */
    @Override
    public void bindTo(MeterRegistry registry) {
        new ExecutorServiceMetrics(lanes, "requests", List.of()).bindTo(registry);
    }

    /** A wait, for something other than a core. */
    @FunctionalInterface
    public interface Wait<T, X extends Exception> {
        T await() throws X;
    }

    /**
     * Runs a wait; on a request's thread, another thread takes its lane meanwhile, and the request takes a lane again
     * once the wait is over.
     */
    public static <T, X extends Exception> T outsideLane(Wait<T, X> wait) throws X {
        Waiting<T, X> waiting = new Waiting<>(wait);
        try {
            ForkJoinPool.managedBlock(waiting);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
        return waiting.outcome();
    }

    private static final class Waiting<T, X extends Exception> implements ForkJoinPool.ManagedBlocker {

        private final Wait<T, X> wait;
        private T result;
        private Exception failure;
        private boolean over;

        private Waiting(Wait<T, X> wait) {
            this.wait = wait;
        }

        @Override
        public boolean block() {
            try {
                result = wait.await();
            } catch (Exception e) {
                failure = e;
            }
            over = true;
            return true;
        }

        @Override
        public boolean isReleasable() {
            return over;
        }

        @SuppressWarnings("unchecked") // only the wait's own exceptions, X or unchecked, are caught
        private T outcome() throws X {
            if (failure instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (failure != null) {
                throw (X) failure;
            }
            return result;
        }
    }

    /** Tomcat stops taking requests before beans are destroyed; the requests under way may finish. */
    @Override
    public void destroy() throws InterruptedException {
        lanes.shutdown();
        lanes.awaitTermination(30, TimeUnit.SECONDS);
    }
}
