package com.example.stock.audit;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * Reads a stream of events ahead on a thread of its own, in order, and decodes the payload, metadata and time of
 * each event the reader will handle, so that a replay's thread only handles them. Reading and decoding were nearly
 * half of a replay's thread (docs/benchmarks.md); on a second core they run beside the handling.
 */
final class EventsReadAhead implements AutoCloseable {

    private static final int EVENTS_AHEAD = 2_000;
    private static final int POLL_MILLIS = 50;

    private final BlockingQueue<TrackedEventMessage<?>> ahead = new ArrayBlockingQueue<>(EVENTS_AHEAD);
    private final Thread reader;
    private volatile Exception failure;

    /**
     * @param events  the stream, read from here on only by this object's thread
     * @param decoded which events to decode ahead: those the replay handles
     */
    EventsReadAhead(BlockingStream<TrackedEventMessage<?>> events, Predicate<TrackedEventMessage<?>> decoded,
                    String name) {
        reader = new Thread(() -> read(events, decoded), name);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(BlockingStream<TrackedEventMessage<?>> events, Predicate<TrackedEventMessage<?>> decoded) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (events.hasNextAvailable(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    TrackedEventMessage<?> event = events.nextAvailable();
                    if (decoded.test(event)) {
                        event.getPayload();
                        event.getMetaData();
                        event.getTimestamp();
                    }
                    ahead.put(event);
                }
            }
        } catch (InterruptedException closed) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
        }
    }

    /** The next event, or null when none arrived within the wait; fails once reading the stream has failed. */
    TrackedEventMessage<?> next(long waitMillis) throws InterruptedException {
        TrackedEventMessage<?> event = ahead.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (event == null && failure != null) {
            throw new IllegalStateException("Reading the event store failed", failure);
        }
        return event;
    }

    /** Stops the reader; the stream can be closed once this returns. */
    @Override
    public void close() throws InterruptedException {
        reader.interrupt();
        reader.join();
    }
}
