package com.example.stock.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.example.stock.allocation.FindHeldOrderLines;
import com.example.stock.allocation.HeldOrderLine;
import com.example.stock.allocations.FindAllAllocations;
import com.example.stock.allocations.LineAllocation;
import com.example.stock.audit.OperationRejected.Reason;
import com.example.stock.products.FindAllProducts;
import com.example.stock.products.ProductView;
import com.example.stock.shared.ReadYourWrites;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Starts audit runs (one at a time, in the background), answers their progress, and keeps each report as JSON and
 * its discrepancies as CSV under {@code <data-dir>/audits/<id>/}, where they outlive the process.
 */
@Component
class AuditRuns implements AuditRun.LiveSystem {

    private static final Logger log = LoggerFactory.getLogger(AuditRuns.class);
    private static final Duration READ_MODEL_WAIT = Duration.ofSeconds(30);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                                                                     .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
                                                               .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                                                               .enable(SerializationFeature.INDENT_OUTPUT);

    private final EventStore eventStore;
    private final Optional<StoredEventRows> storedRows;
    private final ReadYourWrites readYourWrites;
    private final QueryGateway queries;
    private final Path reports;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    AuditRuns(EventStore eventStore, ObjectProvider<EventStorageEngine> embeddedStore, StoredEventRows storedRows,
              ReadYourWrites readYourWrites, QueryGateway queries, @Value("${stock.data-dir}") Path dataDir) {
        this.eventStore = eventStore;
        this.storedRows = Optional.ofNullable(embeddedStore.getIfAvailable()).map(engine -> storedRows);
        this.readYourWrites = readYourWrites;
        this.queries = queries;
        this.reports = dataDir.resolve("audits");
    }

    @CommandHandler
    synchronized AuditRunStatus handle(StartAuditRun command) {
        if (runs.values().stream().anyMatch(Run::isRunning)) {
            String message = "An audit run is already running";
            throw new CommandExecutionException(message, null, new OperationRejected(Reason.ALREADY_RUNNING, message));
        }
        Run run = newRun(line -> log.info("Audit: {}", line));
        Thread worker = new Thread(run::execute, "audit-" + run.id);
        worker.setDaemon(true);
        worker.start();
        return run.status();
    }

    /** Runs an audit in the calling thread, telling its progress to {@code progress}. */
    AuditReport runNow(Consumer<String> progress) {
        Run run = newRun(progress);
        run.execute();
        if (run.failure != null) {
            throw new IllegalStateException("The audit could not complete: " + run.failure);
        }
        return run.report;
    }

    private Run newRun(Consumer<String> progress) {
        String id = ID_TIME.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 4);
        Run run = new Run(id, new AuditRun(id, this, progress));
        runs.put(id, run);
        return run;
    }

    @QueryHandler
    Optional<AuditRunStatus> handle(FindAuditRun query) {
        return Optional.ofNullable(runs.get(query.id())).map(Run::status);
    }

    @QueryHandler
    Optional<AuditReport> handle(FindAuditReport query) {
        return Optional.ofNullable(runs.get(query.id()))
                       .map(run -> run.report)
                       .or(() -> readFile(query.id(), "report.json").map(json -> {
                           try {
                               return JSON.readValue(json, AuditReport.class);
                           } catch (IOException e) {
                               throw new UncheckedIOException(e);
                           }
                       }));
    }

    @QueryHandler
    Optional<String> handle(FindAuditDiscrepancies query) {
        return readFile(query.id(), "discrepancies.csv");
    }

    private Optional<String> readFile(String id, String name) {
        if (!id.matches("[0-9T]{15}-[0-9a-f]{4}")) {
            return Optional.empty();
        }
        Path file = reports.resolve(id).resolve(name);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(AuditReport report, List<Discrepancy> discrepancies) throws IOException {
        Path directory = Files.createDirectories(reports.resolve(report.id()));
        JSON.writeValue(directory.resolve("report.json").toFile(), report);
        String csv = Stream.concat(Stream.of("read_model,key,expected,actual"),
                                   discrepancies.stream().map(d -> Stream.of(d.readModel(), d.key(), d.expected(), d.actual())
                                                                         .map(AuditRuns::csvField)
                                                                         .collect(Collectors.joining(","))))
                           .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(directory.resolve("discrepancies.csv"), csv, StandardCharsets.UTF_8);
    }

    private static String csvField(String value) {
        return value == null ? "" : "\"" + value.replace("\"", "\"\"") + "\"";
    }

    @Override
    public EventStore eventStore() {
        return eventStore;
    }

    @Override
    public Optional<StoredEventRows> storedRows() {
        return storedRows;
    }

    @Override
    public boolean awaitReadModels(long position) {
        return readYourWrites.awaitReadModels(position, READ_MODEL_WAIT);
    }

    @Override
    public List<ProductView> liveProducts() {
        return queries.query(new FindAllProducts(), ResponseTypes.multipleInstancesOf(ProductView.class)).join();
    }

    @Override
    public List<LineAllocation> liveAllocations() {
        return queries.query(new FindAllAllocations(), ResponseTypes.multipleInstancesOf(LineAllocation.class)).join();
    }

    @Override
    public List<HeldOrderLine> liveOrderLines() {
        return queries.query(new FindHeldOrderLines(), ResponseTypes.multipleInstancesOf(HeldOrderLine.class)).join();
    }

    /** An audit run and what became of it; written by its worker, read by status queries. */
    private final class Run {

        private final String id;
        private final AuditRun audit;
        private final Instant startedAt = Instant.now();
        private volatile Instant finishedAt;
        private volatile AuditReport report;
        private volatile String failure;

        private Run(String id, AuditRun audit) {
            this.id = id;
            this.audit = audit;
        }

        boolean isRunning() {
            return finishedAt == null;
        }

        void execute() {
            try {
                AuditReport done = audit.run();
                write(done, audit.discrepancies());
                report = done;
            } catch (Exception e) {
                failure = String.valueOf(e.getMessage());
                log.error("Audit run {} failed", id, e);
            } finally {
                finishedAt = Instant.now();
            }
        }

        AuditRunStatus status() {
            String state = isRunning() ? "running" : failure != null ? "failed" : "completed";
            return new AuditRunStatus(id, state, audit.phase(), startedAt, finishedAt,
                                      report != null ? 100.0 : audit.progress(),
                                      report == null ? null : report.clean(), failure);
        }
    }
}
