package com.example.stock.allocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * The order lines of one batch, order id to quantity, in the order they were allocated.
 * <p>
 * A busy product holds a hundred thousand lines and is loaded whole from its snapshot. Kept in a map, that is three
 * objects a line, and the garbage collector copied them one by one while a big product loaded: most of the time of
 * its first allocation. Here the lines are a few flat arrays whatever their number: the order ids' UTF-8 bytes end
 * to end, their quantities (0 once a line is taken off), and an open-addressing index of the lines by order id.
 * <p>
 * In a snapshot the lines are one binary value (compressed, base64 in JSON): each line's order id as its UTF-8
 * length and bytes, then its quantity, lengths and quantities as unsigned varints, in allocation order. Read back,
 * the bytes go straight into arrays made once at their size; a JSON object of a hundred thousand fields took a
 * parser's work and a string per line, and its text was five times the size.
 */
@JsonSerialize(using = OrderLines.AsJson.class)
@JsonDeserialize(using = OrderLines.FromJson.class)
final class OrderLines {

    private static final int NOT_FOUND = -1;

    /** Every line's order id, end to end: line i's is {@code ids[starts[i]]} up to {@code ids[starts[i + 1]]}. */
    private byte[] ids = new byte[64];
    private int[] starts = new int[5];
    private int[] quantities = new int[4];
    private int[] hashes = new int[4];
    /** Lines appended, those taken off included; {@code live} of them still hold a quantity. */
    private int count;
    private int live;
    /** Open addressing by order id: a line's index plus one, 0 for a free slot; never more than half full. */
    private int[] index = new int[8];

    int size() {
        return live;
    }

    boolean contains(String orderId) {
        return find(orderId) != NOT_FOUND;
    }

    /** The quantity allocated to the order, 0 if it has no line here. */
    int quantityOf(String orderId) {
        int line = find(orderId);
        return line == NOT_FOUND ? 0 : quantities[line];
    }

    /** Adds the order's line after all others, or changes its quantity where it already has one. */
    void put(String orderId, int qty) {
        if (qty <= 0) {
            throw new IllegalArgumentException("A line's quantity is positive: " + qty);
        }
        int existing = find(orderId);
        if (existing != NOT_FOUND) {
            quantities[existing] = qty;
            return;
        }
        if (count == quantities.length) {
            int capacity = count * 2;
            quantities = Arrays.copyOf(quantities, capacity);
            hashes = Arrays.copyOf(hashes, capacity);
            starts = Arrays.copyOf(starts, capacity + 1);
        }
        starts[count + 1] = appendId(orderId);
        quantities[count] = qty;
        hashes[count] = hash(orderId);
        count++;
        live++;
        if (count * 2 > index.length) {
            reindex(index.length * 2);
        } else {
            addToIndex(count - 1);
        }
    }

    /** Takes the order's line off; its quantity, or 0 if it had none. */
    int remove(String orderId) {
        int line = find(orderId);
        if (line == NOT_FOUND) {
            return 0;
        }
        int qty = quantities[line];
        quantities[line] = 0;
        live--;
        if (count - live > live && count >= 16) {
            compact();
        }
        return qty;
    }

    /** The lines from the most recently allocated back to the first. */
    Iterable<OrderLine> newestFirst() {
        return () -> new Lines(count - 1, -1);
    }

    Iterable<OrderLine> inAllocationOrder() {
        return () -> new Lines(0, 1);
    }

    private int find(String orderId) {
        int hash = hash(orderId);
        int mask = index.length - 1;
        for (int slot = hash & mask; index[slot] != 0; slot = (slot + 1) & mask) {
            int line = index[slot] - 1;
            if (hashes[line] == hash && quantities[line] != 0 && isOrderIdOf(line, orderId)) {
                return line;
            }
        }
        return NOT_FOUND;
    }

    private boolean isOrderIdOf(int line, String orderId) {
        int start = starts[line];
        int length = starts[line + 1] - start;
        if (isAscii(orderId)) {
            if (length != orderId.length()) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (ids[start + i] != (byte) orderId.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
        byte[] id = orderId.getBytes(StandardCharsets.UTF_8);
        return Arrays.equals(ids, start, start + length, id, 0, id.length);
    }

    /** Order ids are ASCII as a rule: those are measured, written and compared without an intermediate array. */
    private static boolean isAscii(String orderId) {
        for (int i = 0; i < orderId.length(); i++) {
            if (orderId.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Writes the order id's UTF-8 bytes after the last line's; where they end. */
    private int appendId(String orderId) {
        int start = starts[count];
        byte[] utf8 = isAscii(orderId) ? null : orderId.getBytes(StandardCharsets.UTF_8);
        int length = utf8 == null ? orderId.length() : utf8.length;
        if (start + length > ids.length) {
            ids = Arrays.copyOf(ids, Math.max(ids.length * 2, start + length));
        }
        if (utf8 == null) {
            for (int i = 0; i < length; i++) {
                ids[start + i] = (byte) orderId.charAt(i);
            }
        } else {
            System.arraycopy(utf8, 0, ids, start, length);
        }
        return start + length;
    }

    private void addToIndex(int line) {
        int mask = index.length - 1;
        int slot = hashes[line] & mask;
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        index[slot] = line + 1;
    }

    /** A fresh index of the lines that still hold a quantity: the slots of lines taken off are freed. */
    private void reindex(int size) {
        index = new int[size];
        for (int line = 0; line < count; line++) {
            if (quantities[line] != 0) {
                addToIndex(line);
            }
        }
    }

    /** Drops the lines taken off, once they are the majority, keeping the others in allocation order. */
    private void compact() {
        int kept = 0;
        int end = 0;
        for (int line = 0; line < count; line++) {
            if (quantities[line] != 0) {
                int start = starts[line];
                int length = starts[line + 1] - start;
                System.arraycopy(ids, start, ids, end, length);
                starts[kept] = end;
                quantities[kept] = quantities[line];
                hashes[kept] = hashes[line];
                end += length;
                kept++;
            }
        }
        starts[kept] = end;
        count = kept;
        reindex(indexSizeFor(count));
    }

    /** The smallest index that holds this many lines at most half full. */
    private static int indexSizeFor(int lines) {
        int size = 8;
        while (size < lines * 2) {
            size *= 2;
        }
        return size;
    }

    private String orderIdOf(int line) {
        return new String(ids, starts[line], starts[line + 1] - starts[line], StandardCharsets.UTF_8);
    }

    /** Spreads the string's hash so that ids differing only in their last characters use distant slots. */
    private static int hash(String orderId) {
        return spread(orderId.hashCode());
    }

    /** The hash of the order id whose UTF-8 bytes these are, without making it a string when it is ASCII. */
    private static int hash(byte[] utf8, int start, int end) {
        int hashCode = 0;
        for (int i = start; i < end; i++) {
            if (utf8[i] < 0) {
                return hash(new String(utf8, start, end - start, StandardCharsets.UTF_8));
            }
            hashCode = 31 * hashCode + utf8[i];
        }
        return spread(hashCode);
    }

    private static int spread(int hashCode) {
        int hash = hashCode * 0x9E3779B9;
        return hash ^ (hash >>> 16);
    }

    /** Equal when the same lines are held in the same order, whatever was taken off on the way. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof OrderLines lines) || lines.live != live) {
            return false;
        }
        Iterator<OrderLine> theirs = lines.inAllocationOrder().iterator();
        for (OrderLine line : inAllocationOrder()) {
            if (!line.equals(theirs.next())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return live;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (OrderLine line : inAllocationOrder()) {
            text.append(text.length() > 1 ? ", " : "").append(line.orderId()).append('=').append(line.qty());
        }
        return text.append('}').toString();
    }

    /** The lines still held, walked from one end to the other. */
    private final class Lines implements Iterator<OrderLine> {

        private final int step;
        private int next;

        Lines(int first, int step) {
            this.step = step;
            this.next = skipTakenOff(first);
        }

        private int skipTakenOff(int line) {
            while (line >= 0 && line < count && quantities[line] == 0) {
                line += step;
            }
            return line;
        }

        @Override
        public boolean hasNext() {
            return next >= 0 && next < count;
        }

        @Override
        public OrderLine next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            OrderLine line = new OrderLine(orderIdOf(next), quantities[next]);
            next = skipTakenOff(next + step);
            return line;
        }
    }

    /** The lines held, in allocation order, as a snapshot keeps them (see the class comment). */
    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(starts[count] + live * 3);
        for (int line = 0; line < count; line++) {
            if (quantities[line] != 0) {
                int start = starts[line];
                int length = starts[line + 1] - start;
                writeVarint(bytes, length);
                bytes.write(ids, start, length);
                writeVarint(bytes, quantities[line]);
            }
        }
        return bytes.toByteArray();
    }

    /**
     * The lines written by {@link #toBytes()}. A first pass measures them, so that each array is made once at its
     * size; the second copies the order ids' bytes as they are.
     */
    static OrderLines fromBytes(byte[] bytes) {
        Reading measure = new Reading(bytes);
        int lines = 0;
        int idBytes = 0;
        while (measure.hasMore()) {
            int length = measure.varint();
            measure.skip(length);
            if (measure.varint() <= 0) {
                throw new IllegalArgumentException("An order line's quantity is positive");
            }
            lines++;
            idBytes += length;
        }
        OrderLines read = new OrderLines();
        // room for a quarter more lines: a product loaded is usually allocated to next, and full arrays would double
        int capacity = lines + lines / 4 + 1;
        read.ids = new byte[idBytes + idBytes / 4 + 16];
        read.starts = new int[capacity + 1];
        read.quantities = new int[capacity];
        read.hashes = new int[capacity];
        Reading copy = new Reading(bytes);
        for (int line = 0; line < lines; line++) {
            int length = copy.varint();
            int start = read.starts[line];
            System.arraycopy(bytes, copy.skip(length), read.ids, start, length);
            read.starts[line + 1] = start + length;
            read.hashes[line] = hash(read.ids, start, start + length);
            read.quantities[line] = copy.varint();
        }
        read.count = lines;
        read.live = lines;
        read.reindex(indexSizeFor(capacity));
        return read;
    }

    private static void writeVarint(ByteArrayOutputStream bytes, int value) {
        while ((value & ~0x7F) != 0) {
            bytes.write(value & 0x7F | 0x80);
            value >>>= 7;
        }
        bytes.write(value);
    }

    /** Walks the bytes of {@link #toBytes()}, refusing any that run short. */
    private static final class Reading {

        private final byte[] bytes;
        private int position;

        Reading(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean hasMore() {
            return position < bytes.length;
        }

        int position() {
            return position;
        }

        int varint() {
            int value = 0;
            for (int shift = 0; shift < 32; shift += 7) {
                byte next = take();
                value |= (next & 0x7F) << shift;
                if (next >= 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("A number runs over 32 bits");
        }

        /** Passes over this many bytes; where they start. */
        int skip(int length) {
            if (length < 0 || length > bytes.length - position) {
                throw new IllegalArgumentException("The order lines end short");
            }
            int start = position;
            position += length;
            return start;
        }

        private byte take() {
            return bytes[skip(1)];
        }
    }

    /** The bytes, deflated, behind their length. Order ids share much: a big product's lines shrink fivefold. */
    static byte[] compressed(byte[] bytes) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(bytes.length / 4 + 16);
        writeVarint(compressed, bytes.length);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream out = new DeflaterOutputStream(compressed, deflater)) {
            out.write(bytes);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        } finally {
            deflater.end();
        }
        return compressed.toByteArray();
    }

    /** The bytes of {@link #compressed}, read into one array of the length they give, which they must fill. */
    static byte[] decompressed(byte[] compressed) {
        Reading header = new Reading(compressed);
        int length = header.varint();
        // deflate shrinks at most about a thousandfold: a longer length is damage, not worth an array of that size
        if (length < 0 || length > (compressed.length - header.position()) * 1032L) {
            throw new IllegalArgumentException("The order lines do not have the length they give");
        }
        byte[] bytes = new byte[length];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed, header.position(), compressed.length - header.position());
            int filled = 0;
            for (int inflated = -1; filled < bytes.length && inflated != 0; filled += inflated) {
                inflated = inflater.inflate(bytes, filled, bytes.length - filled);
            }
            // a byte more must find the end of the stream, and nothing after it
            if (filled < bytes.length || inflater.inflate(new byte[1]) != 0 || !inflater.finished()) {
                throw new IllegalArgumentException("The order lines do not have the length they give");
            }
            return bytes;
        } catch (DataFormatException notCompressed) {
            throw new IllegalArgumentException("The order lines are not compressed: " + notCompressed.getMessage());
        } finally {
            inflater.end();
        }
    }

    /** The lines as one binary value: {@link #toBytes()} {@link #compressed}, base64 in JSON. */
    static final class AsJson extends JsonSerializer<OrderLines> {

        @Override
        public void serialize(OrderLines lines, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeBinary(compressed(lines.toBytes()));
        }
    }

    /** Reads the value written by {@link AsJson}; anything else, or bytes that are not order lines, is refused. */
    static final class FromJson extends JsonDeserializer<OrderLines> {

        @Override
        public OrderLines deserialize(JsonParser json, DeserializationContext context) throws IOException {
            if (!json.hasToken(JsonToken.VALUE_STRING) && !json.hasToken(JsonToken.VALUE_EMBEDDED_OBJECT)) {
                return (OrderLines) context.handleUnexpectedToken(OrderLines.class, json);
            }
            try {
                return fromBytes(decompressed(json.getBinaryValue()));
            } catch (IllegalArgumentException malformed) {
                return (OrderLines) context.handleWeirdStringValue(OrderLines.class, "(binary)", malformed.getMessage());
            }
        }
    }
}
