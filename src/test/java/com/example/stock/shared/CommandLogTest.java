package com.example.stock.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which statements the commands' log holds, and how it reads back what a crash left of it. */
class CommandLogTest {

    @TempDir
    Path directory;

    @Test
    void only_an_insert_of_parameters_alone_is_logged() {
        assertThat(CommandLog.loggable("INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, "
                                       + "sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload, "
                                       + "metaData) VALUES (?,?,?,?,?,?,?,?,?)")).isTrue();
        assertThat(CommandLog.loggable("INSERT INTO batch_directory (batchref, sku) VALUES (?, ?)")).isTrue();
        assertThat(CommandLog.loggable("insert into line values (?)")).isTrue();

        // applied again, these could give other rows than the first time
        assertThat(CommandLog.loggable("INSERT INTO line (order_id, at) VALUES (?, CURRENT_TIMESTAMP)")).isFalse();
        assertThat(CommandLog.loggable("INSERT INTO line SELECT order_id FROM other")).isFalse();
        assertThat(CommandLog.loggable("INSERT INTO line (order_id) VALUES (?), (?)")).isFalse();
        assertThat(CommandLog.loggable("UPDATE line SET order_id = ?")).isFalse();
        assertThat(CommandLog.loggable("MERGE INTO line KEY (order_id) VALUES (?)")).isFalse();
    }

    @Test
    void the_records_of_a_segment_are_read_up_to_the_first_one_cut_short() throws Exception {
        Path database = directory.resolve("stock.mv.db");
        CommandLog log = CommandLog.open(database, 0, (number, statements) -> { });
        byte[] first = CommandLog.encode(List.of(new CommandLog.Executed("INSERT INTO line VALUES (?)",
                                                                         List.<Object[]>of(new Object[]{"order-1"}))));
        byte[] second = CommandLog.encode(List.of(new CommandLog.Executed("INSERT INTO line VALUES (?)",
                                                                          List.<Object[]>of(new Object[]{"order-2"}))));
        log.append(first);
        log.awaitDurable(log.append(second));
        Path segment = directory.resolve("stock.commands.1");
        assertThat(CommandLog.read(segment)).extracting(CommandLog.Record::number).containsExactly(1L, 2L);

        Files.write(segment, Arrays.copyOf(Files.readAllBytes(segment), (int) Files.size(segment) - 1));

        assertThat(CommandLog.read(segment)).extracting(CommandLog.Record::number).containsExactly(1L);
        assertThat(CommandLog.read(segment).get(0).payload()).isEqualTo(first);
    }

    @Test
    void a_value_of_a_type_the_log_does_not_hold_leaves_the_transaction_to_be_stored() {
        assertThat(CommandLog.encode(List.of(new CommandLog.Executed(
                "INSERT INTO line VALUES (?)", List.<Object[]>of(new Object[]{new StringBuilder("order-1")})))))
                .isNull();
    }
}
