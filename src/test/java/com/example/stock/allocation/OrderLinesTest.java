package com.example.stock.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

class OrderLinesTest {

    private final OrderLines lines = new OrderLines();

    @Test
    void holds_the_quantity_of_each_order_it_was_given() {
        lines.put("order-1", 3);
        lines.put("order-2", 5);

        assertThat(lines.contains("order-1")).isTrue();
        assertThat(lines.quantityOf("order-2")).isEqualTo(5);
        assertThat(lines.contains("order-3")).isFalse();
        assertThat(lines.quantityOf("order-3")).isZero();
        assertThat(lines.size()).isEqualTo(2);
    }

    @Test
    void a_line_taken_off_is_no_longer_held_and_gives_back_its_quantity() {
        lines.put("order-1", 3);

        assertThat(lines.remove("order-1")).isEqualTo(3);
        assertThat(lines.contains("order-1")).isFalse();
        assertThat(lines.remove("order-1")).isZero();
        assertThat(lines.size()).isZero();
    }

    @Test
    void an_order_allocated_again_after_being_taken_off_comes_last() {
        lines.put("order-1", 1);
        lines.put("order-2", 2);
        lines.remove("order-1");
        lines.put("order-1", 4);

        assertThat(lines.inAllocationOrder()).containsExactly(new OrderLine("order-2", 2), new OrderLine("order-1", 4));
        assertThat(lines.quantityOf("order-1")).isEqualTo(4);
    }

    @Test
    void giving_an_order_it_holds_a_new_quantity_keeps_its_place() {
        lines.put("order-1", 1);
        lines.put("order-2", 2);
        lines.put("order-1", 7);

        assertThat(lines.inAllocationOrder()).containsExactly(new OrderLine("order-1", 7), new OrderLine("order-2", 2));
    }

    @Test
    void walks_its_lines_newest_first() {
        lines.put("a", 1);
        lines.put("b", 2);
        lines.put("c", 3);
        lines.remove("b");

        assertThat(lines.newestFirst()).containsExactly(new OrderLine("c", 3), new OrderLine("a", 1));
    }

    @Test
    void refuses_a_line_without_a_positive_quantity() {
        assertThatThrownBy(() -> lines.put("order-1", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void behaves_as_an_ordered_map_through_many_allocations_and_deallocations() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        Random random = new Random(42);
        for (int step = 0; step < 50_000; step++) {
            String orderId = "order-" + random.nextInt(5_000) + (random.nextBoolean() ? "-é" : "");
            if (random.nextInt(3) == 0) {
                Integer qty = expected.remove(orderId);
                assertThat(lines.remove(orderId)).isEqualTo(qty == null ? 0 : qty);
            } else if (!expected.containsKey(orderId)) {
                int qty = 1 + random.nextInt(9);
                expected.put(orderId, qty);
                lines.put(orderId, qty);
            }
        }

        List<OrderLine> inOrder = new ArrayList<>();
        expected.forEach((orderId, qty) -> inOrder.add(new OrderLine(orderId, qty)));
        assertThat(lines.inAllocationOrder()).containsExactlyElementsOf(inOrder);
        assertThat(lines.size()).isEqualTo(expected.size());
        expected.forEach((orderId, qty) -> assertThat(lines.quantityOf(orderId)).isEqualTo(qty));
    }

    @Test
    void equal_to_another_holding_the_same_lines_in_the_same_order_whatever_was_taken_off_on_the_way() {
        OrderLines same = new OrderLines();
        lines.put("a", 1);
        lines.put("x", 9);
        lines.put("b", 2);
        lines.remove("x");
        same.put("a", 1);
        same.put("b", 2);
        OrderLines reordered = new OrderLines();
        reordered.put("b", 2);
        reordered.put("a", 1);

        assertThat(lines).isEqualTo(same).isNotEqualTo(reordered);
    }

    @Test
    void is_written_as_one_binary_value_and_read_back_with_the_same_lines_in_the_same_order() throws Exception {
        ObjectMapper json = new ObjectMapper();
        lines.put("order-2", 2);
        lines.put("taken-off", 5);
        lines.put("order-1", 1);
        lines.put("ordre-ü", 300);
        lines.remove("taken-off");

        String written = json.writeValueAsString(lines);
        OrderLines read = json.readValue(written, OrderLines.class);

        assertThat(json.readTree(written).isTextual()).isTrue();
        assertThat(read).isEqualTo(lines);
        assertThat(read.inAllocationOrder()).containsExactly(new OrderLine("order-2", 2), new OrderLine("order-1", 1),
                                                             new OrderLine("ordre-ü", 300));
    }

    @Test
    void lines_read_back_empty_take_new_lines() throws Exception {
        ObjectMapper json = new ObjectMapper();
        OrderLines read = json.readValue(json.writeValueAsString(new OrderLines()), OrderLines.class);
        assertThat(read.size()).isZero();

        read.put("order-1", 1);
        read.put("order-2", 2);

        assertThat(read.inAllocationOrder()).containsExactly(new OrderLine("order-1", 1), new OrderLine("order-2", 2));
    }

    @Test
    void lines_read_back_are_found_taken_off_and_added_to_as_before() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            lines.put("order-" + i + (i % 7 == 0 ? "-é" : ""), 1 + random.nextInt(1_000));
        }

        OrderLines read = OrderLines.fromBytes(lines.toBytes());

        assertThat(read).isEqualTo(lines);
        assertThat(read.quantityOf("order-14-é")).isEqualTo(lines.quantityOf("order-14-é"));
        assertThat(read.remove("order-5")).isEqualTo(lines.quantityOf("order-5"));
        read.put("order-5", 3);
        read.put("order-10000", 4);
        assertThat(read.newestFirst()).startsWith(new OrderLine("order-10000", 4), new OrderLine("order-5", 3));
        assertThat(read.size()).isEqualTo(10_001);
    }

    @Test
    void reading_anything_but_order_lines_fails() throws Exception {
        ObjectMapper json = new ObjectMapper();
        byte[] oneLine = lines(new OrderLine("order-1", 1));
        byte[] truncated = OrderLines.compressed(Arrays.copyOf(oneLine, oneLine.length - 2));
        byte[] zeroQuantity = OrderLines.compressed(new byte[] {1, 'a', 0});

        assertThatThrownBy(() -> json.readValue("{\"order-1\":1}", OrderLines.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue("\"not base64!\"", OrderLines.class))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> json.readValue(json.writeValueAsString(oneLine), OrderLines.class))
                .isInstanceOf(MismatchedInputException.class).hasMessageContaining("not compressed");
        assertThatThrownBy(() -> json.readValue(json.writeValueAsString(truncated), OrderLines.class))
                .isInstanceOf(MismatchedInputException.class).hasMessageContaining("end short");
        assertThatThrownBy(() -> json.readValue(json.writeValueAsString(zeroQuantity), OrderLines.class))
                .isInstanceOf(MismatchedInputException.class).hasMessageContaining("positive");
    }

    @Test
    void compressed_bytes_read_back_as_they_were_and_must_have_the_length_they_give() {
        byte[] bytes = lines(new OrderLine("order-1", 1), new OrderLine("order-2", 2));
        byte[] compressed = OrderLines.compressed(bytes);
        byte[] longerThanGiven = OrderLines.compressed(Arrays.copyOf(bytes, bytes.length + 1));
        longerThanGiven[0]--;

        assertThat(OrderLines.decompressed(compressed)).isEqualTo(bytes);
        assertThatThrownBy(() -> OrderLines.decompressed(Arrays.copyOf(compressed, compressed.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderLines.decompressed(longerThanGiven))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length they give");
        assertThatThrownBy(() -> OrderLines.decompressed(lengthBeyondAnyDeflate(compressed)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length they give");
    }

    /** The same stream behind a length of 2^31 - 1, more than a thousand times its size. */
    private static byte[] lengthBeyondAnyDeflate(byte[] compressed) {
        int header = 1;
        while (compressed[header - 1] < 0) {
            header++;
        }
        byte[] largest = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        byte[] damaged = Arrays.copyOf(largest, largest.length + compressed.length - header);
        System.arraycopy(compressed, header, damaged, largest.length, compressed.length - header);
        return damaged;
    }

    private static byte[] lines(OrderLine... held) {
        OrderLines lines = new OrderLines();
        for (OrderLine line : held) {
            lines.put(line.orderId(), line.qty());
        }
        return lines.toBytes();
    }
}
