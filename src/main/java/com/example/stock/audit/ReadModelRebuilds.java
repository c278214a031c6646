package com.example.stock.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.example.stock.audit.OperationRejected.Reason;
import com.example.stock.shared.ReadModel;
import com.example.stock.shared.ReadModelGenerations;
import com.example.stock.shared.ReadModelTransactions;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a read model while the service runs. The live processor goes on updating the active generation, which
 * queries keep reading, while the rebuild replays the whole store into the other generation. Once caught up, the
 * live processor is stopped for a moment, the rebuild takes the last events, and in one transaction the rebuilt
 * generation becomes active and the live processor's position moves to where the rebuild stopped; then the live
 * processor starts again, on the rebuilt tables. Queries never see a half-built model.
 */
@Component
class ReadModelRebuilds implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilds.class);
    private static final int EVENTS_PER_TRANSACTION = 1_000;
    /** Close enough to the head to stop the live processor for the last stretch. */
    private static final long CAUGHT_UP = 100;
    private static final int POLL_MILLIS = 50;
    private static final Duration STALL_LIMIT = Duration.ofSeconds(30);

    private final Map<String, ReadModel> readModels;
    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final TransactionManager transactionManager;
    /** The replay's, which write only the generation being rebuilt; the switch-over is stored before it returns. */
    private final TransactionManager replayTransactions;
    private final ReadModelGenerations generations;
    private final Map<String, Rebuild> latest = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    ReadModelRebuilds(List<ReadModel> readModels, EventStore eventStore, EventProcessingConfiguration processing,
                      TokenStore tokenStore, TransactionManager transactionManager, ReadModelGenerations generations) {
        this.readModels = readModels.stream().collect(Collectors.toMap(ReadModel::name, Function.identity()));
        this.eventStore = eventStore;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.transactionManager = transactionManager;
        this.replayTransactions = ReadModelTransactions.of(transactionManager);
        this.generations = generations;
    }

    @CommandHandler
    RebuildStatus handle(RebuildReadModel command) {
        ReadModel readModel = readModels.get(command.readModel());
        if (readModel == null) {
            throw rejected(Reason.UNKNOWN, "No read model named " + command.readModel() + "; there are "
                    + readModels.keySet().stream().sorted().toList());
        }
        Rebuild rebuild = new Rebuild(readModel, generations.inactive(readModel.name()));
        Rebuild running = latest.compute(readModel.name(), (name, previous) ->
                previous != null && previous.isRunning() ? previous : rebuild);
        if (running != rebuild) {
            throw rejected(Reason.ALREADY_RUNNING, "A rebuild of " + readModel.name() + " is already running");
        }
        workers.execute(rebuild::run);
        return rebuild.status();
    }

    @QueryHandler
    Optional<RebuildStatus> handle(FindRebuild query) {
        return Optional.ofNullable(latest.get(query.readModel())).map(Rebuild::status);
    }

    /** The progress of the rebuild of a read model, when one is running. */
    Optional<RebuildStatus> running(String readModel) {
        return Optional.ofNullable(latest.get(readModel)).filter(Rebuild::isRunning).map(Rebuild::status);
    }

    private static CommandExecutionException rejected(Reason reason, String message) {
        return new CommandExecutionException(message, null, new OperationRejected(reason, message));
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }

    private static long position(TrackingToken token) {
        return token.position().orElse(0);
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /** One rebuild; its fields are written by its worker thread and read by status queries. */
    private final class Rebuild {

        private final ReadModel readModel;
        private final String generation;
        private final AnnotationEventHandlerAdapter projection;
        private final Instant startedAt = Instant.now();
        private volatile String state = "running";
        private volatile Instant finishedAt;
        private volatile long eventsReplayed;
        private volatile long position;
        private volatile long head = head();
        private volatile String failure;
        private TrackingToken lastToken;

        private Rebuild(ReadModel readModel, String generation) {
            this.readModel = readModel;
            this.generation = generation;
            this.projection = new AnnotationEventHandlerAdapter(readModel.projectionInto().apply(generation));
        }

        boolean isRunning() {
            return finishedAt == null;
        }

        RebuildStatus status() {
            double progress = "completed".equals(state) ? 100.0
                    : head <= 0 ? 0.0 : Math.min(99.9, Math.floor(1000.0 * position / head) / 10);
            return new RebuildStatus(readModel.name(), state, generation, startedAt, finishedAt, eventsReplayed,
                                     position, head, progress, failure);
        }

        void run() {
            log.info("Rebuilding {} into generation {}", readModel.name(), generation);
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null);
                 EventsReadAhead events = new EventsReadAhead(stream, projection::canHandle,
                                                              "read-model-rebuild-reader")) {
                generations.empty(readModel, generation);
                transactionManager.executeInTransaction(projection::prepareReset);
                do {
                    replayUntil(events, head());
                } while (head() - position > CAUGHT_UP);
                switchOver(events);
                state = "completed";
                log.info("Rebuilt {}: {} events, generation {} active", readModel.name(), eventsReplayed, generation);
            } catch (Exception e) {
                state = "failed";
                failure = e.getMessage();
                log.error("Rebuild of {} failed; the active generation stays as it was", readModel.name(), e);
            } finally {
                finishedAt = Instant.now();
            }
        }

        /** Replays, a transaction per batch, until the event at {@code target} (committed, so it will come) is in. */
        private void replayUntil(EventsReadAhead events, long target) throws Exception {
            head = Math.max(head, target);
            long stalledSince = System.nanoTime();
            while (position < target) {
                int replayed = replayTransactions.fetchInTransaction(() -> replayBatch(events, target));
                eventsReplayed += replayed;
                position = lastToken == null ? 0 : lastToken.position().orElse(0);
                if (replayed > 0) {
                    stalledSince = System.nanoTime();
                } else if (System.nanoTime() - stalledSince > STALL_LIMIT.toNanos()) {
                    throw new IllegalStateException("No event arrived for " + STALL_LIMIT + " at position " + position
                                                            + " of " + target);
                }
            }
        }

        private int replayBatch(EventsReadAhead events, long target) {
            int replayed = 0;
            try {
                TrackedEventMessage<?> event;
                while (replayed < EVENTS_PER_TRANSACTION && (lastToken == null || position(lastToken) < target)
                        && (event = events.next(POLL_MILLIS)) != null) {
                    if (projection.canHandle(event)) {
                        projection.handle(event);
                    }
                    lastToken = event.trackingToken();
                    replayed++;
                }
                return replayed;
            } catch (Exception e) {
                throw new IllegalStateException("Replay failed after position " + position, e);
            }
        }

        /**
         * Stops the live processor, takes the events it may have handled since, and in one transaction makes the
         * rebuilt generation active and moves the live processor to where the rebuild stopped.
         */
        private void switchOver(EventsReadAhead events) throws Exception {
            state = "switching";
            StreamingEventProcessor live = processing.eventProcessor(readModel.name(), StreamingEventProcessor.class)
                                                     .orElseThrow(() -> new IllegalStateException(
                                                             "No streaming processor " + readModel.name()));
            live.shutDown();
            try {
                replayUntil(events, head());
                int[] segments = tokenStore.fetchSegments(readModel.name());
                if (segments.length != 1) {
                    throw new IllegalStateException(readModel.name() + " has " + segments.length
                                                            + " segments; a rebuild can switch one");
                }
                transactionManager.executeInTransaction(() -> {
                    tokenStore.storeToken(lastToken, readModel.name(), segments[0]);
                    tokenStore.releaseClaim(readModel.name(), segments[0]);
                    generations.activate(readModel.name(), generation);
                });
            } finally {
                generations.refresh(readModel.name());
                live.start();
            }
        }
    }
}
