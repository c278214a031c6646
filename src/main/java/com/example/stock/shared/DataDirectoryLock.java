package com.example.stock.shared;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on {@code stock.lock} in the data directory, held from before the database is opened until it is
 * closed, so that a second instance started on the same directory refuses to start with a clear message. H2 alone
 * is not enough: in another process it fails with "Database may be already in use", deep in a stack trace; in the
 * same process (a second application context) it lets both share the database without a word.
 * <p>
 * The operating system releases the lock when the process ends, however it ends, so a crash leaves nothing to clean
 * up. Within one process the lock file is opened once only: on Linux, closing any other handle on the file would
 * release the process's lock on it, so a second instance in the same process is refused from memory.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "stock.lock";

    /** Lock files this process holds, with who holds them. */
    private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    DataDirectoryLock(Path dataDirectory) {
        this.file = lockFileIn(dataDirectory);
        String holder = "process " + ManagementFactory.getRuntimeMXBean().getName() + ", since " + Instant.now();
        String heldHere = HELD_HERE.putIfAbsent(file, holder);
        if (heldHere != null) {
            throw inUse(file, heldHere + ", in this same process");
        }
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                                       StandardOpenOption.WRITE);
            lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw inUse(file, holderWrittenIn(file));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + "\n").getBytes(UTF_8)));
        } catch (IOException e) {
            HELD_HERE.remove(file);
            throw new UncheckedIOException("Cannot lock the data directory with " + file, e);
        } catch (RuntimeException e) {
            HELD_HERE.remove(file);
            throw e;
        }
    }

    private static Path lockFileIn(Path dataDirectory) {
        try {
            return Files.createDirectories(dataDirectory).toRealPath().resolve(FILE_NAME);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDirectory, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    /** What the holding process wrote in the file; nothing where the system does not let a locked file be read. */
    private static String holderWrittenIn(Path file) {
        try {
            return Files.readString(file, UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static RefusedToStart inUse(Path file, String holder) {
        return new RefusedToStart(
                "The data directory " + file.getParent() + " is in use by another running instance of the service"
                        + (holder.isEmpty() ? "" : " (" + holder + ")") + ". Two instances must not share one "
                        + "embedded database: this one does not start, and the other goes on undisturbed.",
                "Stop the other instance first, or give this one its own data directory (--stock.data-dir=...). "
                        + "To run several instances on the same data, run them on Axon Server with one shared "
                        + "database: see axonserver/README.md. (The lock is " + file + "; it is released when the "
                        + "instance holding it stops.)");
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            HELD_HERE.remove(file);
        }
    }
}
