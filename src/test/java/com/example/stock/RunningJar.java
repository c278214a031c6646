package com.example.stock;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The packaged service started as a process of its own, as an operator would run it. */
final class RunningJar implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private RunningJar(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the jar on a data directory, with the components its build fixed ahead of time as the README runs it, and
     * waits until its health is UP.
     */
    static RunningJar start(Path dataDir, String... extraArguments) throws IOException, InterruptedException {
        String jar = System.getProperty("app.jar");
        if (jar == null) {
            throw new IllegalStateException("system property app.jar names the packaged service (set by failsafe)");
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dspring.aot.enabled=true",
                "-jar", jar,
                "--server.port=" + port, "--stock.data-dir=" + dataDir));
        command.addAll(List.of(TestUsers.withUsers(extraArguments)));
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + port + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RunningJar running = new RunningJar(process, port, log);
        running.awaitHealthy(Duration.ofSeconds(90));
        return running;
    }

    Api api() {
        return new Api(port);
    }

    /** What the service has written to its console so far. */
    String output() throws IOException {
        return Files.readString(log);
    }

    /** Kills the process at once (SIGKILL): no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (api().as(null).get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYetListening) {
                // starting
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the service did not become healthy within " + timeout + "; see " + log);
    }
}
