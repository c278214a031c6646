package com.example.stock.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * What a killed process leaves while transactions commit and stores run side by side: a read model's transactions
 * each write forty tables (the first created last, so H2 reaches it first when it stores and a commit marks it last),
 * commands store the file again and again, and two spinning threads keep both cores busy as the service's load does.
 * Copies of the file taken between two stores must hold every transaction whole. Before stores waited for commits
 * and writes, such a copy held a torn one within a few hundred copies (docs/benchmarks.md, "A store that overlapped a
 * commit").
 */
class WholeTransactionsIT {

    private static final int TABLES = 40;
    private static final int COPIES = 200;
    private static final String DISTINCT_VALUES = IntStream.range(0, TABLES)
            .mapToObj(table -> "SELECT handled FROM view_" + table)
            .collect(Collectors.joining(" UNION ALL ", "SELECT DISTINCT handled FROM (", ")"));

    @TempDir
    Path directory;

    @Test
    void every_copy_of_the_file_between_two_stores_holds_each_transaction_whole() throws Exception {
        DataSource database = DurableCommits.of(h2File(), Duration.ofMinutes(1));
        JdbcTemplate jdbc = new JdbcTemplate(database);
        for (int table = 0; table < TABLES; table++) {
            jdbc.execute("CREATE TABLE view_" + table + " (id INT PRIMARY KEY, handled INT)");
            jdbc.update("INSERT INTO view_" + table + " VALUES (1, 0)");
        }
        jdbc.execute("CREATE TABLE command (id INT PRIMARY KEY, n INT)");
        jdbc.update("INSERT INTO command VALUES (1, 0)");
        TransactionManager readModel = DurableCommits.forReadModels(
                new SpringTransactionManager(new DataSourceTransactionManager(database)));
        AtomicBoolean running = new AtomicBoolean(true);
        Semaphore storing = new Semaphore(1);
        List<Thread> threads = List.of(
                new Thread(() -> {
                    for (int event = 1; running.get(); event++) {
                        int handled = event;
                        readModel.executeInTransaction(() -> {
                            for (int table = TABLES - 1; table >= 0; table--) {
                                jdbc.update("UPDATE view_" + table + " SET handled = ?", handled);
                            }
                        });
                    }
                }),
                new Thread(() -> {
                    for (int command = 1; running.get(); command++) {
                        storing.acquireUninterruptibly();
                        try {
                            jdbc.update("UPDATE command SET n = ?", command);
                        } finally {
                            storing.release();
                        }
                    }
                }),
                new Thread(() -> spinWhile(running)),
                new Thread(() -> spinWhile(running)));
        threads.forEach(Thread::start);
        try (Connection kept = database.getConnection()) {
            MVStore store = DurableCommits.storeOf(kept);
            for (int copy = 0; copy < COPIES; copy++) {
                Thread.sleep(10);
                assertThat(valuesHandledInACopy(store, storing)).as("the values of the forty tables in copy %d", copy)
                                                                 .hasSize(1);
            }
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    private DataSource h2File() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + directory.resolve("stock") + ";AUTO_COMPACT_FILL_RATE=0;RETENTION_TIME=1000");
        h2.setUser("sa");
        return h2;
    }

    /**
     * The distinct values of the forty tables in a copy of the file taken while no store runs: the commands wait,
     * and a copy during which the writer began a store is taken again (one it had begun before is only cut short, as
     * by a crash, since H2 keeps the chunks it has left for a second).
     */
    private List<Integer> valuesHandledInACopy(MVStore store, Semaphore storing) throws Exception {
        Path copy = Files.createDirectories(directory.resolve("copy-" + System.nanoTime()));
        boolean storedMeanwhile;
        storing.acquire();
        try {
            do {
                long version = store.getCurrentVersion();
                Files.copy(directory.resolve("stock.mv.db"), copy.resolve("stock.mv.db"),
                           StandardCopyOption.REPLACE_EXISTING);
                storedMeanwhile = store.getCurrentVersion() != version;
            } while (storedMeanwhile);
        } finally {
            storing.release();
        }
        List<Integer> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + copy.resolve("stock"), "sa", "");
             Statement statement = connection.createStatement();
             ResultSet distinct = statement.executeQuery(DISTINCT_VALUES)) {
            while (distinct.next()) {
                values.add(distinct.getInt(1));
            }
        }
        return values;
    }

    private static void spinWhile(AtomicBoolean running) {
        while (running.get()) {
            Thread.onSpinWait();
        }
    }
}
