package com.example.stock.shared;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows that commands insert, written next to the database file before a command is answered, so that the file
 * need not be stored for every command: the service stores it every so often ({@link DurableCommits}), and when the
 * database is opened after a crash, the logged transactions that the stored file lacks are applied again. Writing a
 * command's rows here is a small append; storing the file for it wrote every page changed since the store before,
 * the read models' among them (docs/benchmarks.md).
 * <p>
 * The log is segments, {@code <database>.commands.<number>}: each store of the file ends the segment being written,
 * and deletes those it covered once it is done. A transaction is logged under a number that grows for as long as the
 * database lives; each store records in the file the last number it covers, and only later ones are applied again.
 * A store that H2 makes by itself records nothing, so an insert applied again may find its row already there: its
 * unique key says so (a command's transaction always appends events, unique by product and sequence number), and
 * that insert is passed over. Written as the file is: without forcing the disk, so it survives a killed process,
 * not a power cut.
 * <p>
 * A record is its length, a checksum, its number and its statements, each the SQL and one row of parameters per
 * execution. A record cut short by a crash fails its checksum and ends the segment: its command was not answered.
 */
final class CommandLog {

    private static final Logger log = LoggerFactory.getLogger(CommandLog.class);

    /** Inserts of one row of parameters, which gives the same row when applied again (no default, no function). */
    private static final Pattern LOGGABLE = Pattern.compile(
            "(?is)\\s*INSERT\\s+INTO\\s+[\\w.\"]+\\s*(\\([\\w\\s,\"]+\\))?\\s*VALUES\\s*\\(\\s*\\?(\\s*,\\s*\\?)*\\s*\\)\\s*");
    private static final int LOGGABLE_KNOWN_AT_MOST = 256;
    private static final Map<String, Boolean> LOGGABLE_KNOWN = new ConcurrentHashMap<>();
    private static final Pattern SEGMENT = Pattern.compile("\\.commands\\.(\\d+)$");
    private static final int FRAME = Integer.BYTES * 2;

    private final Path directory;
    private final String prefix;
    /** Appending records and ending segments. */
    private final Object appends = new Object();
    /** Writing segments and deleting them, one thread at a time. */
    private final Object writes = new Object();
    /** Guarded by {@link #appends}; the last is the one appended to. */
    private final Deque<Segment> segments = new ArrayDeque<>();
    private long lastNumber;
    private long nextSegment;
    /** Every record up to this number is in a segment on disk, or in a stored file. */
    private volatile long durableUpTo;

    private CommandLog(Path directory, String prefix, long lastNumber, long nextSegment, List<Segment> found) {
        this.directory = directory;
        this.prefix = prefix;
        this.lastNumber = lastNumber;
        this.durableUpTo = lastNumber;
        this.nextSegment = nextSegment;
        segments.addAll(found);
        segments.add(new Segment(path(this.nextSegment++)));
    }

    /**
     * Whether a statement's rows can be logged: an insert of the parameters' values alone. Asked for every statement a
     * command prepares, which are the same few strings again and again: each is matched once, and the answers for up
     * to {@link #LOGGABLE_KNOWN_AT_MOST} of them are kept.
     */
    static boolean loggable(String sql) {
        Boolean known = LOGGABLE_KNOWN.get(sql);
        if (known != null) {
            return known;
        }
        boolean loggable = LOGGABLE.matcher(sql).matches();
        if (LOGGABLE_KNOWN.size() < LOGGABLE_KNOWN_AT_MOST) {
            LOGGABLE_KNOWN.put(sql, loggable);
        }
        return loggable;
    }

    /**
     * The log of the database in {@code databaseFile}, whose stored state covers the records up to {@code stored}:
     * the later records found are handed to {@code replay} in order, before anything is appended.
     */
    static CommandLog open(Path databaseFile, long stored, Replay replay) throws IOException, SQLException {
        Path directory = databaseFile.toAbsolutePath().getParent();
        String prefix = databaseFile.getFileName().toString().replaceFirst("\\.mv\\.db$", "") + ".commands.";
        List<Segment> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(file -> file.getFileName().toString().startsWith(prefix) && segmentNumber(file) >= 0)
                 .sorted((a, b) -> Long.compare(segmentNumber(a), segmentNumber(b)))
                 .forEach(file -> found.add(new Segment(file)));
        }
        long last = stored;
        for (Segment segment : found) {
            for (Record record : read(segment.path)) {
                segment.lastNumber = record.number();
                last = Math.max(last, record.number());
                if (record.number() > stored) {
                    replay.apply(record.number(), record.payload());
                }
            }
        }
        long next = found.isEmpty() ? 1 : segmentNumber(found.get(found.size() - 1).path) + 1;
        return new CommandLog(directory, prefix, last, next, found);
    }

    private static long segmentNumber(Path file) {
        Matcher number = SEGMENT.matcher(file.getFileName().toString());
        return number.find() ? Long.parseLong(number.group(1)) : -1;
    }

    private Path path(long segment) {
        return directory.resolve(prefix + segment);
    }

    /** Appends a transaction's statements, and returns the number it is logged under. */
    long append(byte[] statements) {
        synchronized (appends) {
            long number = ++lastNumber;
            Segment current = segments.getLast();
            current.pending.add(frame(number, statements));
            current.lastNumber = number;
            return number;
        }
    }

    /**
     * Ends the segment being written, if it holds anything, and returns the last number logged: called while no
     * transaction commits, so that a store that starts now covers exactly the records up to it.
     */
    long endSegment() {
        synchronized (appends) {
            if (segments.getLast().lastNumber > 0) {
                segments.add(new Segment(path(nextSegment++)));
            }
            return lastNumber;
        }
    }

    /** Returns once the record of this number, and every one before it, is on disk or in a stored file. */
    void awaitDurable(long number) throws IOException {
        if (durableUpTo >= number) {
            return;
        }
        synchronized (writes) {
            if (durableUpTo >= number) {
                return;
            }
            Map<Segment, List<ByteBuffer>> toWrite = new LinkedHashMap<>();
            long upTo;
            synchronized (appends) {
                upTo = lastNumber;
                for (Segment segment : segments) {
                    if (!segment.pending.isEmpty()) {
                        toWrite.put(segment, segment.pending);
                        segment.pending = new ArrayList<>();
                    }
                }
            }
            for (Map.Entry<Segment, List<ByteBuffer>> records : toWrite.entrySet()) {
                records.getKey().write(records.getValue());
            }
            raiseDurable(upTo);
        }
    }

    /** A store of the file covered the records up to this number: the segments that hold only those are deleted. */
    void storedUpTo(long number) {
        raiseDurable(number);
        synchronized (writes) {
            List<Segment> covered = new ArrayList<>();
            synchronized (appends) {
                while (segments.size() > 1 && segments.getFirst().lastNumber <= number) {
                    covered.add(segments.removeFirst());
                }
            }
            for (Segment segment : covered) {
                segment.delete();
            }
        }
    }

    /** Closes the segments' files, once the database they belong to is closed. */
    void close() {
        synchronized (writes) {
            synchronized (appends) {
                segments.forEach(Segment::close);
            }
        }
    }

    private synchronized void raiseDurable(long number) {
        if (number > durableUpTo) {
            durableUpTo = number;
        }
    }

    private static ByteBuffer frame(long number, byte[] statements) {
        ByteBuffer record = ByteBuffer.allocate(FRAME + Long.BYTES + statements.length);
        record.putInt(Long.BYTES + statements.length).putInt(0).putLong(number).put(statements).flip();
        CRC32C checksum = new CRC32C();
        checksum.update(record.array(), FRAME, record.remaining() - FRAME);
        record.putInt(Integer.BYTES, (int) checksum.getValue());
        return record;
    }

    record Record(long number, byte[] payload) {
    }

    /** The whole records of a segment, up to the first that is cut short or damaged. */
    static List<Record> read(Path segment) throws IOException {
        ByteBuffer content = ByteBuffer.wrap(Files.readAllBytes(segment));
        List<Record> records = new ArrayList<>();
        while (content.remaining() >= FRAME) {
            int length = content.getInt();
            int expected = content.getInt();
            if (length < Long.BYTES || length > content.remaining()) {
                break;
            }
            CRC32C checksum = new CRC32C();
            checksum.update(content.array(), content.position(), length);
            if ((int) checksum.getValue() != expected) {
                break;
            }
            long number = content.getLong();
            byte[] payload = new byte[length - Long.BYTES];
            content.get(payload);
            records.add(new Record(number, payload));
        }
        return records;
    }

    /** What is done with each record found that the stored file does not cover. */
    interface Replay {
        void apply(long number, byte[] statements) throws SQLException, IOException;
    }

    private static final class Segment {

        private final Path path;
        private List<ByteBuffer> pending = new ArrayList<>();
        private long lastNumber;
        private FileChannel channel;

        Segment(Path path) {
            this.path = path;
        }

        void write(List<ByteBuffer> records) throws IOException {
            if (channel == null) {
                channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                                           StandardOpenOption.APPEND);
            }
            ByteBuffer[] buffers = records.toArray(ByteBuffer[]::new);
            long remaining = 0;
            for (ByteBuffer buffer : buffers) {
                remaining += buffer.remaining();
            }
            while (remaining > 0) {
                remaining -= channel.write(buffers);
            }
        }

        /** Closes and deletes the segment; one left behind is passed over when the database is opened. */
        void delete() {
            close();
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                log.warn("Could not delete {}, which the stored database file covers: {}", path, e.toString());
            }
        }

        void close() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                log.warn("Could not close {}: {}", path, e.toString());
            }
        }
    }

    /** A statement's executions, as logged. */
    record Executed(String sql, List<Object[]> rows) {
    }

    /**
     * A transaction's statements as a record's content, or null when a value is of a type the log does not hold
     * (the transaction is then stored instead).
     */
    static byte[] encode(List<Executed> statements) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(statements.size());
            for (Executed statement : statements) {
                writeString(out, statement.sql());
                out.writeInt(statement.rows().size());
                for (Object[] row : statement.rows()) {
                    out.writeInt(row.length);
                    for (Object value : row) {
                        if (!writeValue(out, value)) {
                            return null;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Applies a record's statements on the connection, passing over each row that a unique key says is there. */
    static void apply(Connection connection, byte[] statements) throws SQLException, IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(statements));
        int count = in.readInt();
        for (int s = 0; s < count; s++) {
            String sql = readString(in);
            int rows = in.readInt();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int r = 0; r < rows; r++) {
                    int parameters = in.readInt();
                    for (int p = 1; p <= parameters; p++) {
                        readValue(in, statement, p);
                    }
                    try {
                        statement.executeUpdate();
                    } catch (SQLException e) {
                        if (!EventStoreConfiguration.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                            throw e;
                        }
                    }
                }
            }
        }
    }

    /** A parameter as set on a statement: its value, or for a null the SQL type it was set with. */
    record Null(int sqlType) {
    }

    private static final byte NULL = 0, STRING = 1, LONG = 2, INT = 3, BYTES = 4, BOOLEAN = 5, DOUBLE = 6,
            DECIMAL = 7, TIMESTAMP = 8;

    private static boolean writeValue(DataOutputStream out, Object value) throws IOException {
        if (value instanceof Null nullOf) {
            out.writeByte(NULL);
            out.writeInt(nullOf.sqlType());
        } else if (value instanceof String text) {
            out.writeByte(STRING);
            writeString(out, text);
        } else if (value instanceof Long number) {
            out.writeByte(LONG);
            out.writeLong(number);
        } else if (value instanceof Integer number) {
            out.writeByte(INT);
            out.writeInt(number);
        } else if (value instanceof byte[] data) {
            out.writeByte(BYTES);
            out.writeInt(data.length);
            out.write(data);
        } else if (value instanceof Boolean flag) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(flag);
        } else if (value instanceof Double number) {
            out.writeByte(DOUBLE);
            out.writeDouble(number);
        } else if (value instanceof BigDecimal number) {
            out.writeByte(DECIMAL);
            writeString(out, number.toString());
        } else if (value instanceof Timestamp time) {
            out.writeByte(TIMESTAMP);
            out.writeLong(time.getTime());
            out.writeInt(time.getNanos());
        } else {
            return false;
        }
        return true;
    }

    private static void readValue(DataInputStream in, PreparedStatement statement, int index)
            throws IOException, SQLException {
        byte type = in.readByte();
        switch (type) {
            case NULL -> statement.setNull(index, in.readInt());
            case STRING -> statement.setString(index, readString(in));
            case LONG -> statement.setLong(index, in.readLong());
            case INT -> statement.setInt(index, in.readInt());
            case BYTES -> {
                byte[] data = new byte[in.readInt()];
                in.readFully(data);
                statement.setBytes(index, data);
            }
            case BOOLEAN -> statement.setBoolean(index, in.readBoolean());
            case DOUBLE -> statement.setDouble(index, in.readDouble());
            case DECIMAL -> statement.setBigDecimal(index, new BigDecimal(readString(in)));
            case TIMESTAMP -> {
                Timestamp time = new Timestamp(in.readLong());
                time.setNanos(in.readInt());
                statement.setTimestamp(index, time);
            }
            default -> throw new EOFException("unknown value type " + type);
        }
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, UTF_8);
    }
}
