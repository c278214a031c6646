import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The service's benchmark: starts the packaged jar as its own process on a fresh data directory, drives it over
 * HTTP from this separate load generator with a fixed number of connections for a bounded time, and prints a
 * table of medians over several runs. Raw figures of every run are kept under bench/results/.
 *
 * <pre>java bench/Benchmark.java JAR [--runs 3] [--seconds 10] [--warmup 60] [--replay-events 1000000]</pre>
 *
 * Run it with bench/run, which builds the jar first. JVM options for the service: BENCH_JVM_OPTS.
 */
public class Benchmark {

    private static final int CONNECTIONS = 4;
    private static final int SKUS = 1_000;
    private static final int BIG_PRODUCTS = 5;
    private static final int BIG_PRODUCT_EVENTS = 100_000;
    private static final String USER = "bench";
    private static final String PASSWORD = UUID.randomUUID().toString();
    /** The class-data archive that bench/run makes beside the extracted jar, as the README's production start does. */
    private static final String CLASS_ARCHIVE = "stock-allocation.jsa";
    private static final Duration LAG_GIVE_UP = Duration.ofSeconds(10);
    /** The README's production start (its "Run the packaged service"). */
    private static final String DEFAULT_JVM_OPTS =
            "-Xms128m -Xmx240m -Xmn96m -XX:+UseParallelGC -Djdk.nio.maxCachedBufferSize=262144";
    /** The service's count of the bytes its threads allocated, brought up to date at each collection. */
    private static final String ALLOCATED_BYTES = "jvm_gc_memory_allocated_bytes_total";

    private final Path jar;
    private final int runs;
    private final Duration measure;
    private final Duration warmup;
    private final int replayEvents;
    private final Path results;
    private final String passwordHash;
    private final String authorization = "Basic " + Base64.getEncoder().encodeToString(
            (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        new Benchmark(Path.of(args[0]).toAbsolutePath(), Integer.parseInt(options.getOrDefault("--runs", "3")),
                      Duration.ofSeconds(Long.parseLong(options.getOrDefault("--seconds", "10"))),
                      Duration.ofSeconds(Long.parseLong(options.getOrDefault("--warmup", "60"))),
                      Integer.parseInt(options.getOrDefault("--replay-events", "1000000")))
                .run();
    }

    Benchmark(Path jar, int runs, Duration measure, Duration warmup, int replayEvents) throws Exception {
        this.jar = jar;
        this.runs = runs;
        this.measure = measure;
        this.warmup = warmup;
        this.replayEvents = replayEvents;
        this.results = Files.createDirectories(Path.of("bench", "results",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        this.passwordHash = hashOf(PASSWORD);
    }

    void run() throws Exception {
        List<Map<String, Double>> all = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            System.out.printf("run %d of %d%n", run, runs);
            Map<String, Double> figures = oneRun(Files.createDirectories(results.resolve("run-" + run)));
            all.add(figures);
            Files.writeString(results.resolve("runs.jsonl"), json(run, figures) + "\n", StandardCharsets.UTF_8,
                              java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        String table = table(all);
        System.out.println(table);
        Files.writeString(results.resolve("summary.md"), table);
        System.out.println("raw runs: " + results.resolve("runs.jsonl"));
    }

    private Map<String, Double> oneRun(Path runDirectory) throws Exception {
        Map<String, Double> figures = new LinkedHashMap<>();
        Path data = runDirectory.resolve("data").toAbsolutePath();
        try (Service service = Service.start(this, data, runDirectory.resolve("service.log"))) {
            figures.put("startup_ms", (double) service.startupMillis);
            seedProducts(service);
            Metrics loadStarts = service.metrics();
            load(service, Duration.ofSeconds(warmup.toSeconds()), CONNECTIONS, i -> randomOrder(), false);

            Duration cpuBefore = service.cpuTime(), generatorBefore = generatorCpuTime();
            LoadResult spread = load(service, measure, CONNECTIONS, i -> randomOrder(), true);
            long requests = spread.ok.get() + spread.lags.size();
            figures.put("spread_rps", spread.perSecond());
            figures.put("spread_cpu_ms_per_request", service.cpuTime().minus(cpuBefore).toNanos() / 1e6 / requests);
            figures.put("spread_generator_cpu_ms_per_request",
                        generatorCpuTime().minus(generatorBefore).toNanos() / 1e6 / requests);
            figures.put("spread_errors", (double) spread.errors.get());
            figures.put("lag_p99_ms", spread.lagP99Millis());

            post(service, "/add_batch", "{\"ref\":\"hot-1\",\"sku\":\"HOT\",\"qty\":5000000,\"eta\":null}");
            post(service, "/add_batch", "{\"ref\":\"hot-2\",\"sku\":\"HOT\",\"qty\":5000000,\"eta\":\"2030-01-01\"}");
            LoadResult hot = load(service, measure, CONNECTIONS, i -> hotOrder(), false);
            figures.put("hot_rps", hot.perSecond());
            figures.put("hot_errors", (double) hot.errors.get());
            figures.put("hot_over_allocated", overAllocation(service, "HOT", hot.allocatedUnits.get()));

            Metrics before = service.metrics();
            LoadResult single = load(service, measure, 1, i -> randomOrder(), false);
            Metrics after = service.metrics();
            CollectorPauses pauses = after.collectorPauses().since(before.collectorPauses());
            figures.put("latency_allocated_kb_per_request", (after.sum(ALLOCATED_BYTES) - before.sum(ALLOCATED_BYTES))
                    / 1024 / Math.max(1, single.ok.get() + single.errors.get()));
            figures.put("latency_p50_ms", single.percentileMillis(0.50));
            figures.put("latency_p95_ms", single.percentileMillis(0.95));
            figures.put("latency_p99_ms", single.percentileMillis(0.99));
            figures.put("latency_p999_ms", single.percentileMillis(0.999));
            figures.put("latency_over_5ms_percent", single.percentOver(Duration.ofMillis(5)));
            figures.put("latency_gc_pauses", pauses.count());
            figures.put("latency_gc_pause_mean_ms", pauses.meanMillis());
            CollectorPauses full = after.fullCollections().since(loadStarts.fullCollections());
            figures.put("load_full_gcs", full.count());
            figures.put("load_full_gc_mean_ms", full.meanMillis());
            figures.put("rss_mib", service.residentMiB());
        }
        figures.put("store_mib", sizeMiB(data));
        if (replayEvents > 0) {
            replayAndSnapshots(data, runDirectory, figures);
            figures.put("replay_store_mib", sizeMiB(data));
        }
        deleteRecursively(data);
        figures.forEach((name, value) -> System.out.printf("  %-22s %12s%n", name, shown(value)));
        return figures;
    }

    private void replayAndSnapshots(Path data, Path runDirectory, Map<String, Double> figures) throws Exception {
        int written = StoreSeeder.append(jar, data, replayEvents);
        System.out.printf("  appended %d events to the store%n", written);
        try (Service service = Service.start(this, data, runDirectory.resolve("service-replay.log"))) {
            long caughtUp = service.awaitReadModelsCaughtUp(Duration.ofMinutes(20));
            figures.put("catchup_events_per_s", written * 1000.0 / Math.max(1, caughtUp));
            long started = System.nanoTime();
            post(service, "/admin/read-models/allocations-view/rebuild", "");
            Map<String, String> status = service.awaitRebuilt("allocations-view", Duration.ofMinutes(20));
            double seconds = (System.nanoTime() - started) / 1e9;
            figures.put("replay_events_per_s", Double.parseDouble(status.get("eventsReplayed")) / seconds);
            for (int i = 0; i < BIG_PRODUCTS; i++) {
                post(service, "/allocate", allocation("warm-" + i, "BIG-" + i, 1));
            }
            // each of those commands queued a snapshot of its product, taken in the background
            service.awaitIdle(Duration.ofMinutes(5));
        }
        try (Service service = Service.start(this, data, runDirectory.resolve("service-snapshots.log"))) {
            List<Double> big = new ArrayList<>();
            List<Double> fresh = new ArrayList<>();
            for (int i = 0; i < BIG_PRODUCTS; i++) {
                String order = "cold-" + i, bigSku = "BIG-" + i, freshSku = "SKU-" + (100 + i);
                big.add(timedMillis(() -> post(service, "/allocate", allocation(order, bigSku, 1))));
                fresh.add(timedMillis(() -> post(service, "/allocate", allocation(order, freshSku, 1))));
            }
            figures.put("big_product_ms", median(big));
            figures.put("fresh_product_ms", median(fresh));
            figures.put("big_vs_fresh", median(big) / median(fresh));
        }
    }

    private static double sizeMiB(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum() / (1024.0 * 1024);
        }
    }

    /** A run's store is gigabytes; its figures and logs are what is kept. */
    private static void deleteRecursively(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private void seedProducts(Service service) throws Exception {
        LoadResult seeded = run(service, CONNECTIONS, SKUS, i -> new Request("/add_batch", batch(i)));
        if (seeded.errors.get() > 0) {
            throw new IllegalStateException("seeding failed " + seeded.errors.get() + " times");
        }
    }

    /** Three batches per product: warehouse stock and two shipments. */
    private static String batch(int i) {
        int product = i;
        return "[" + String.join(",",
                "{\"ref\":\"W-%d\",\"sku\":\"SKU-%d\",\"qty\":100000,\"eta\":null}".formatted(product, product),
                "{\"ref\":\"S1-%d\",\"sku\":\"SKU-%d\",\"qty\":100000,\"eta\":\"2030-01-01\"}".formatted(product, product),
                "{\"ref\":\"S2-%d\",\"sku\":\"SKU-%d\",\"qty\":100000,\"eta\":\"2030-02-01\"}".formatted(product, product))
                + "]";
    }

    private static Request randomOrder() {
        int sku = ThreadLocalRandom.current().nextInt(SKUS);
        return new Request("/allocate", allocation("o-" + UUID.randomUUID(), "SKU-" + sku, 1));
    }

    private static Request hotOrder() {
        return new Request("/allocate", allocation("h-" + UUID.randomUUID(), "HOT", 1));
    }

    private static String allocation(String order, String sku, int qty) {
        return "{\"orderid\":\"%s\",\"sku\":\"%s\",\"qty\":%d}".formatted(order, sku, qty);
    }

    record Request(String path, String body) {
    }

    /** The service's own metrics at one moment, in Prometheus' text. */
    record Metrics(String text) {

        /** One metric, summed over its series (its collectors, say). */
        double sum(String name) {
            return sum(name, "");
        }

        /** One metric, summed over those of its series whose labels contain {@code label}. */
        double sum(String name, String label) {
            Matcher series = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$").matcher(text);
            double sum = 0;
            while (series.find()) {
                if (label.isEmpty() || series.group(1) != null && series.group(1).contains(label)) {
                    sum += Double.parseDouble(series.group(2));
                }
            }
            return sum;
        }

        /** The collector's pauses so far (every collector and cause). */
        CollectorPauses collectorPauses() {
            return pauses("");
        }

        /** The collector's pauses so far that collected the whole heap. */
        CollectorPauses fullCollections() {
            return pauses("action=\"end of major GC\"");
        }

        private CollectorPauses pauses(String label) {
            return new CollectorPauses(sum("jvm_gc_pause_seconds_count", label), sum("jvm_gc_pause_seconds_sum", label));
        }
    }

    /** The collector's pauses: how many, and their seconds in all. */
    record CollectorPauses(double count, double seconds) {

        CollectorPauses since(CollectorPauses before) {
            return new CollectorPauses(count - before.count, seconds - before.seconds);
        }

        double meanMillis() {
            return seconds * 1000 / Math.max(1, count);
        }
    }

    /** What one load phase saw. */
    static final class LoadResult {
        final AtomicLong ok = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong allocatedUnits = new AtomicLong();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> lags = new ConcurrentLinkedQueue<>();
        long elapsedNanos;

        double perSecond() {
            return ok.get() / (elapsedNanos / 1e9);
        }

        double percentileMillis(double p) {
            return percentile(new ArrayList<>(latencies), p) / 1e6;
        }

        double percentOver(Duration limit) {
            return latencies.isEmpty() ? Double.NaN
                    : 100.0 * latencies.stream().filter(nanos -> nanos > limit.toNanos()).count() / latencies.size();
        }

        double lagP99Millis() {
            return lags.isEmpty() ? Double.NaN : percentile(new ArrayList<>(lags), 0.99) / 1e6;
        }
    }

    /**
     * Drives the service with {@code connections} clients for {@code duration}. With {@code sampleLag}, one more
     * client allocates and then reads the allocation until it shows, measuring how long after the 2xx that is.
     */
    private LoadResult load(Service service, Duration duration, int connections, IntFunction<Request> next,
                            boolean sampleLag) throws Exception {
        LoadResult result = new LoadResult();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            clients.add(started(() -> {
                while (running.get()) {
                    send(service, next.apply(0), result);
                }
            }));
        }
        if (sampleLag) {
            clients.add(started(() -> {
                while (running.get()) {
                    sampleLag(service, result);
                }
            }));
        }
        long started = System.nanoTime();
        Thread.sleep(duration.toMillis());
        running.set(false);
        for (Thread client : clients) {
            client.join();
        }
        result.elapsedNanos = System.nanoTime() - started;
        return result;
    }

    /** Sends {@code count} requests spread over {@code connections} clients. */
    private LoadResult run(Service service, int connections, int count, IntFunction<Request> request) throws Exception {
        LoadResult result = new LoadResult();
        AtomicLong nextIndex = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            clients.add(started(() -> {
                for (long i = nextIndex.getAndIncrement(); i < count; i = nextIndex.getAndIncrement()) {
                    Request batches = request.apply((int) i);
                    for (String body : splitArray(batches.body())) {
                        send(service, new Request(batches.path(), body), result);
                    }
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }
        result.elapsedNanos = System.nanoTime() - started;
        return result;
    }

    private static Thread started(Runnable client) {
        Thread thread = new Thread(client);
        thread.start();
        return thread;
    }

    private void send(Service service, Request request, LoadResult result) {
        long started = System.nanoTime();
        try {
            Response response = service.connection().exchange("POST", request.path(), request.body());
            result.latencies.add(System.nanoTime() - started);
            if (response.status() / 100 == 2) {
                result.ok.incrementAndGet();
                if (response.body().contains("\"batchref\"")) {
                    result.allocatedUnits.incrementAndGet();
                }
            } else {
                result.errors.incrementAndGet();
            }
        } catch (IOException e) {
            result.errors.incrementAndGet();
        }
    }

    private void sampleLag(Service service, LoadResult result) {
        String order = "lag-" + UUID.randomUUID();
        try {
            Response answer = service.connection().exchange(
                    "POST", "/allocate", allocation(order, "SKU-" + ThreadLocalRandom.current().nextInt(SKUS), 1));
            long acknowledged = System.nanoTime();
            if (answer.status() != 202) {
                return;
            }
            // an allocation never seen in the read model is an error, not a benchmark that waits for ever
            long giveUp = acknowledged + LAG_GIVE_UP.toNanos();
            while (get(service, "/allocations/" + order).status() != 200) {
                if (System.nanoTime() > giveUp) {
                    result.errors.incrementAndGet();
                    return;
                }
                Thread.onSpinWait();
            }
            result.lags.add(System.nanoTime() - acknowledged);
        } catch (IOException e) {
            result.errors.incrementAndGet();
        }
    }

    /** Units allocated beyond what the product's batches hold, or allocated but not counted (both must be 0). */
    private double overAllocation(Service service, String sku, long unitsAnswered) throws Exception {
        String product = get(service, "/products/" + sku).body();
        long over = 0, allocated = 0;
        Matcher batch = Pattern.compile("\"purchased\":(\\d+),\"allocated\":(\\d+)").matcher(product);
        while (batch.find()) {
            long purchased = Long.parseLong(batch.group(1)), taken = Long.parseLong(batch.group(2));
            over += Math.max(0, taken - purchased);
            allocated += taken;
        }
        return over + Math.abs(allocated - unitsAnswered);
    }

    Response post(Service service, String path, String body) {
        try {
            return service.connection().exchange("POST", path, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Response get(Service service, String path) throws IOException {
        return service.connection().exchange("GET", path, null);
    }

    /** An answer: its status and its body as text. */
    record Response(int status, String body) {
    }

    /**
     * One kept-alive HTTP/1.1 connection, written and read on the thread that sends, as load tools do. The JDK's
     * client hands every exchange to its selector and executor threads and back, which on two cores shared with the
     * service cost about a third of a core at full load and put thread switches into every measured latency.
     */
    static final class HttpConnection implements AutoCloseable {

        private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
        private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

        private final int port;
        private final String authorization;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        /** With {@code authorization} null, requests go without credentials. */
        HttpConnection(int port, String authorization) {
            this.port = port;
            this.authorization = authorization;
        }

        /**
         * Sends a request ({@code body} null for none) and reads its answer; on a failure the next one reconnects.
         * A kept connection the service has closed meanwhile (idle too long) fails before any answer: the request
         * is sent once more on a new one, as the service never read it.
         */
        Response exchange(String method, String path, String body) throws IOException {
            boolean kept = socket != null;
            try {
                return exchangeOnce(method, path, body);
            } catch (ClosedBeforeAnswer closed) {
                close();
                if (kept) {
                    return exchange(method, path, body);
                }
                throw closed;
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        /** The connection failed before the first byte of an answer. */
        private static final class ClosedBeforeAnswer extends IOException {
            ClosedBeforeAnswer(IOException cause) {
                super("the connection closed before an answer", cause);
            }
        }

        private Response exchangeOnce(String method, String path, String body) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress("localhost", port), (int) CONNECT_TIMEOUT.toMillis());
                socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
                in = new BufferedInputStream(socket.getInputStream());
                out = new BufferedOutputStream(socket.getOutputStream());
            }
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
            }
            try {
                out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(content);
                out.flush();
                in.mark(1);
                if (in.read() < 0) {
                    throw new EOFException();
                }
                in.reset();
            } catch (SocketTimeoutException stillWorking) {
                throw stillWorking;
            } catch (IOException e) {
                throw new ClosedBeforeAnswer(e);
            }
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            long length = -1;
            boolean chunked = false, closes = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).strip();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "connection" -> closes = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            byte[] answer;
            if (chunked) {
                answer = chunks();
            } else if (length >= 0) {
                answer = exactly(length);
            } else if (status == 204 || status == 304 || status / 100 == 1) {
                answer = new byte[0];
            } else {
                answer = in.readAllBytes();
                closes = true;
            }
            if (closes) {
                close();
            }
            return new Response(status, new String(answer, StandardCharsets.UTF_8));
        }

        private byte[] chunks() throws IOException {
            var answer = new ByteArrayOutputStream();
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                answer.writeBytes(exactly(size));
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
            return answer.toByteArray();
        }

        private long chunkSize() throws IOException {
            String line = line();
            int extension = line.indexOf(';');
            return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).strip(), 16);
        }

        private byte[] exactly(long length) throws IOException {
            byte[] bytes = in.readNBytes(Math.toIntExact(length));
            if (bytes.length < length) {
                throw new EOFException("the answer ended after " + bytes.length + " of " + length + " bytes");
            }
            return bytes;
        }

        /** A line of the answer's head, without its CRLF. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("the connection closed in the middle of an answer");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    /** CPU time this load generator has used, all its threads: it shares the machine with the service. */
    private static Duration generatorCpuTime() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow();
    }

    private static double timedMillis(Runnable action) {
        long started = System.nanoTime();
        action.run();
        return (System.nanoTime() - started) / 1e6;
    }

    private String hashOf(String password) throws Exception {
        Process hashing = new ProcessBuilder(java(), "-jar", jar.toString(), "--hash-password").start();
        hashing.getOutputStream().write((password + "\n").getBytes(StandardCharsets.UTF_8));
        hashing.getOutputStream().close();
        String hash = new String(hashing.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (hashing.waitFor() != 0 || !hash.startsWith("$2")) {
            throw new IllegalStateException("could not hash the bench user's password: " + hash);
        }
        return hash;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The service as a process of its own. */
    static final class Service implements AutoCloseable {
        final Process process;
        final long startupMillis;
        private final Benchmark bench;
        private final int port;
        /** Each client thread's connection, signed in as the bench user. */
        private final ThreadLocal<HttpConnection> connections;
        private final Queue<HttpConnection> opened = new ConcurrentLinkedQueue<>();

        private Service(Benchmark bench, Process process, int port, long startupMillis) {
            this.bench = bench;
            this.process = process;
            this.port = port;
            this.startupMillis = startupMillis;
            this.connections = ThreadLocal.withInitial(() -> {
                HttpConnection connection = new HttpConnection(port, bench.authorization);
                opened.add(connection);
                return connection;
            });
        }

        /** The calling thread's connection to the service. */
        HttpConnection connection() {
            return connections.get();
        }

        static Service start(Benchmark bench, Path data, Path log) throws Exception {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(java()));
            command.addAll(List.of(System.getenv().getOrDefault("BENCH_JVM_OPTS", DEFAULT_JVM_OPTS).split("\\s+")));
            Path classArchive = bench.jar.resolveSibling(CLASS_ARCHIVE);
            if (Files.exists(classArchive)) {
                command.add("-XX:SharedArchiveFile=" + classArchive);
            }
            // as the README runs it: with the context's bean definitions generated at build time
            command.addAll(List.of("-Dspring.aot.enabled=true",
                                   "-jar", bench.jar.toString(), "--server.port=" + port, "--stock.data-dir=" + data,
                                   "--stock.security.users." + USER + ".password-hash=" + bench.passwordHash,
                                   "--stock.security.users." + USER + ".roles=OPERATOR,READER,AUDITOR"));
            String appArgs = System.getenv().getOrDefault("BENCH_APP_ARGS", "").strip();
            if (!appArgs.isEmpty()) {
                command.addAll(List.of(appArgs.split("\\s+")));
            }
            long started = System.nanoTime();
            ProcessBuilder service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            // as the README runs it: two of glibc's memory arenas, not up to eight per core (unless the caller chose one)
            service.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            Process process = service.start();
            HttpConnection probe = new HttpConnection(port, null);
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited; see " + log);
                }
                try {
                    if (probe.exchange("GET", "/actuator/health", null).status() == 200) {
                        probe.close();
                        break;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                Thread.sleep(20);
            }
            return new Service(bench, process, port, (System.nanoTime() - started) / 1_000_000);
        }

        /** Waits until the service uses almost no CPU for a second: its background work is done. */
        void awaitIdle(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            Duration before = cpuTime();
            do {
                Thread.sleep(1_000);
                Duration now = cpuTime();
                if (now.minus(before).toMillis() < 100) {
                    return;
                }
                before = now;
            } while (System.nanoTime() < deadline);
            throw new IllegalStateException("the service was still busy after " + timeout);
        }

        /** CPU time the service has used, all its threads (compiler and collector included). */
        Duration cpuTime() {
            return process.info().totalCpuDuration().orElseThrow();
        }

        double residentMiB() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
            return Double.NaN;
        }

        /** The service's own metrics as they are now, read once. */
        Metrics metrics() throws Exception {
            return new Metrics(bench.get(this, "/actuator/prometheus").body());
        }

        long awaitReadModelsCaughtUp(Duration timeout) throws Exception {
            long started = System.nanoTime();
            long deadline = started + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String processors = bench.get(this, "/admin/processors").body();
                Matcher lag = Pattern.compile("\"name\":\"([a-z-]+-view)\",[^}]*?\"lag\":(\\d+)").matcher(processors);
                boolean caughtUp = true, any = false;
                while (lag.find()) {
                    any = true;
                    caughtUp &= Long.parseLong(lag.group(2)) == 0;
                }
                if (any && caughtUp) {
                    return (System.nanoTime() - started) / 1_000_000;
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("read models did not catch up within " + timeout);
        }

        Map<String, String> awaitRebuilt(String readModel, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String status = bench.get(this, "/admin/read-models/" + readModel + "/rebuild").body();
                if (status.contains("\"state\":\"completed\"")) {
                    Matcher replayed = Pattern.compile("\"eventsReplayed\":(\\d+)").matcher(status);
                    replayed.find();
                    return Map.of("eventsReplayed", replayed.group(1));
                }
                if (status.contains("\"state\":\"failed\"")) {
                    throw new IllegalStateException("rebuild failed: " + status);
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("rebuild did not finish within " + timeout);
        }

        @Override
        public void close() throws InterruptedException {
            opened.forEach(HttpConnection::close);
            process.destroy();
            process.waitFor();
        }
    }

    /**
     * Appends events straight to a stopped service's store, as a long history would have left them: a few products
     * with {@value #BIG_PRODUCT_EVENTS} allocations each, the rest spread over many small products.
     */
    static final class StoreSeeder {

        static int append(Path jar, Path data, int events) throws Exception {
            Driver h2 = h2Driver(jar);
            Properties credentials = new Properties();
            credentials.put("user", "sa");
            credentials.put("password", "");
            try (Connection store = h2.connect("jdbc:h2:file:" + data.resolve("stock") + ";WRITE_DELAY=0", credentials)) {
                store.setAutoCommit(false);
                int written = 0;
                try (PreparedStatement insert = store.prepareStatement(
                        "INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier,"
                                + " metaData, payload, payloadType, timeStamp) VALUES (?, ?, 'Product', ?, ?, ?, ?, ?)")) {
                    int big = Math.min(BIG_PRODUCTS * BIG_PRODUCT_EVENTS, events / 2);
                    for (int product = 0; written < big; product++) {
                        written += product("BIG-" + product, BIG_PRODUCT_EVENTS, insert, store, written);
                    }
                    for (int product = 0; written < events; product++) {
                        written += product("R-" + product, Math.min(100, events - written), insert, store, written);
                    }
                    insert.executeBatch();
                }
                store.commit();
                return written;
            }
        }

        private static int product(String sku, int count, PreparedStatement insert, Connection store, int before)
                throws Exception {
            String time = Instant.now().toString();
            byte[] metaData = "{\"user\":\"seed\"}".getBytes(StandardCharsets.UTF_8);
            add(insert, sku, 0, "com.example.stock.allocation.BatchCreated",
                "{\"sku\":\"%s\",\"ref\":\"%s-batch\",\"qty\":2000000000,\"eta\":null}".formatted(sku, sku), metaData, time);
            for (int sequence = 1; sequence < count; sequence++) {
                add(insert, sku, sequence, "com.example.stock.allocation.Allocated",
                    "{\"orderId\":\"%s-o%d\",\"sku\":\"%s\",\"qty\":1,\"batchref\":\"%s-batch\"}"
                            .formatted(sku, sequence, sku, sku), metaData, time);
                if ((before + sequence) % 10_000 == 0) {
                    insert.executeBatch();
                    store.commit();
                }
            }
            return count;
        }

        private static void add(PreparedStatement insert, String sku, long sequence, String type, String payload,
                                byte[] metaData, String time) throws Exception {
            insert.setString(1, sku);
            insert.setLong(2, sequence);
            insert.setString(3, UUID.randomUUID().toString());
            insert.setBytes(4, metaData);
            insert.setBytes(5, payload.getBytes(StandardCharsets.UTF_8));
            insert.setString(6, type);
            insert.setString(7, time);
            insert.addBatch();
        }

        /** H2's driver from the service's own libraries: beside an extracted jar, or inside a packaged one. */
        private static Driver h2Driver(Path jar) throws Exception {
            Path h2;
            Path lib = jar.resolveSibling("lib");
            if (Files.isDirectory(lib)) {
                try (var libraries = Files.list(lib)) {
                    h2 = libraries.filter(file -> file.getFileName().toString().matches("h2-.*\\.jar"))
                                  .findFirst().orElseThrow();
                }
            } else {
                h2 = Files.createTempFile("bench-h2-", ".jar");
                try (ZipFile boot = new ZipFile(jar.toFile())) {
                    ZipEntry entry = Collections.list(boot.entries()).stream()
                                                .filter(e -> e.getName().matches("BOOT-INF/lib/h2-.*\\.jar"))
                                                .findFirst().orElseThrow();
                    try (InputStream in = boot.getInputStream(entry)) {
                        Files.copy(in, h2, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            URLClassLoader loader = new URLClassLoader(new URL[]{h2.toUri().toURL()});
            return (Driver) Class.forName("org.h2.Driver", true, loader).getDeclaredConstructor().newInstance();
        }
    }

    private static List<String> splitArray(String body) {
        if (!body.startsWith("[")) {
            return List.of(body);
        }
        List<String> objects = new ArrayList<>();
        Matcher object = Pattern.compile("\\{[^{}]*}").matcher(body);
        while (object.find()) {
            objects.add(object.group());
        }
        return objects;
    }

    static double percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(values);
        return values.get(Math.min(values.size() - 1, (int) Math.ceil(p * values.size()) - 1));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String json(int run, Map<String, Double> figures) {
        StringBuilder json = new StringBuilder("{\"run\":" + run);
        figures.forEach((name, value) -> json.append(",\"").append(name).append("\":")
                                             .append(value.isNaN() ? "null" : String.format(Locale.ROOT, "%.3f", value)));
        return json.append("}").toString();
    }

    private static String table(List<Map<String, Double>> runs) {
        String[][] rows = {
                {"allocate, 4 connections, 1,000 SKUs (req/s)", "spread_rps", ">= 1500"},
                {"  errors", "spread_errors", "0"},
                {"  service CPU per request (ms, all threads)", "spread_cpu_ms_per_request", "reported"},
                {"  load generator CPU per request (ms)", "spread_generator_cpu_ms_per_request", "reported"},
                {"allocate, 4 connections, one hot SKU (req/s)", "hot_rps", ">= 1000"},
                {"  errors", "hot_errors", "0"},
                {"  units over-allocated or unaccounted", "hot_over_allocated", "0"},
                {"latency at 1 connection, p50 (ms)", "latency_p50_ms", "reported"},
                {"latency at 1 connection, p99 (ms)", "latency_p99_ms", "<= 5"},
                {"  p95 (ms)", "latency_p95_ms", "reported"},
                {"  p99.9 (ms)", "latency_p999_ms", "reported"},
                {"  requests over 5 ms (%)", "latency_over_5ms_percent", "reported"},
                {"  collector pauses meanwhile", "latency_gc_pauses", "reported"},
                {"  their mean (ms)", "latency_gc_pause_mean_ms", "reported"},
                {"  memory allocated per request (KB)", "latency_allocated_kb_per_request", "reported"},
                {"full collections during the HTTP load", "load_full_gcs", "reported"},
                {"  their mean (ms)", "load_full_gc_mean_ms", "reported"},
                {"projection lag, 2xx to visible, p99 (ms)", "lag_p99_ms", "< 100"},
                {"replay of allocations view (events/s)", "replay_events_per_s", ">= 50000"},
                {"  catch-up of all read models after start (events/s)", "catchup_events_per_s", "reported"},
                {"first allocate, product of 100k events (ms)", "big_product_ms", "reported"},
                {"first allocate, fresh product (ms)", "fresh_product_ms", "reported"},
                {"  ratio", "big_vs_fresh", "<= 2"},
                {"start-up to health UP (ms)", "startup_ms", "< 4000"},
                {"resident memory after the load (MiB)", "rss_mib", "< 512"},
                {"database file after the load (MiB)", "store_mib", "reported"},
                {"  after the million-event store and its replay (MiB)", "replay_store_mib", "reported"}};
        StringBuilder table = new StringBuilder("| figure | median | runs | target |\n|---|---|---|---|\n");
        for (String[] row : rows) {
            List<Double> values = runs.stream().map(run -> run.get(row[1])).filter(v -> v != null && !v.isNaN()).toList();
            if (values.isEmpty()) {
                continue;
            }
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", row[0], shown(median(values)),
                                       String.join(" / ", values.stream().map(Benchmark::shown).toList()), row[2]));
        }
        return table.toString();
    }

    /**
     * A figure as printed: counts whole, small figures (milliseconds a request, ratios) to a hundredth so that runs
     * can be told apart, the rest to a tenth.
     */
    private static String shown(double value) {
        String format = value == Math.rint(value) ? "%.0f" : Math.abs(value) < 10 ? "%.2f" : "%.1f";
        return String.format(Locale.ROOT, format, value);
    }
}
