package com.example.stock.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * What a copy of the database file, and of the commands' log beside it, holds right after a write returns: what a
 * killed process would leave, opened again as the service would open it. The read models' commits are stored only
 * after a minute here, so whatever the copy holds was stored or logged by the write itself.
 */
class DurableCommitsTest {

    @TempDir
    Path directory;

    private DataSource database;
    private Connection open;

    @BeforeEach
    void openDatabase() throws SQLException {
        database = DurableCommits.of(h2File("stock"), Duration.ofMinutes(1));
        open = database.getConnection();
        try (Statement statement = open.createStatement()) {
            statement.execute("CREATE TABLE line (order_id VARCHAR(20) PRIMARY KEY)");
        }
    }

    /** Each connection a new one, which sets the URL's write delay as it opens: H2's own writer on, as it would be. */
    private DataSource h2File(String name) {
        return h2File(name, "");
    }

    private DataSource h2File(String name, String settings) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + directory.resolve(name) + ";WRITE_DELAY=100;AUTO_COMPACT_FILL_RATE=0" + settings);
        h2.setUser("sa");
        return h2;
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        open.close();
    }

    @Test
    void a_committed_transaction_is_in_the_file_when_its_commit_returns() throws Exception {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            insert(connection, "order-1");
            insert(connection, "order-2");
            connection.commit();
        }

        assertThat(linesInACopyOfTheFile()).containsExactly("order-1", "order-2");
    }

    @Test
    void a_write_outside_a_transaction_is_in_the_file_when_it_returns() throws Exception {
        try (Connection connection = database.getConnection()) {
            insert(connection, "order-1");
        }

        assertThat(linesInACopyOfTheFile()).containsExactly("order-1");
    }

    @Test
    void a_transaction_committed_by_switching_to_auto_commit_is_in_the_file() throws Exception {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            insert(connection, "order-1");
            connection.setAutoCommit(true);
        }

        assertThat(linesInACopyOfTheFile()).containsExactly("order-1");
    }

    @Test
    void a_rolled_back_transaction_leaves_nothing() throws Exception {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            insert(connection, "order-1");
            connection.rollback();
        }

        assertThat(linesInACopyOfTheFile()).isEmpty();
    }

    @Test
    void a_read_models_commit_is_left_to_the_writer_and_stored_with_the_next_durable_commit()
            throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(database);
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(database));

        Transaction readModel = DurableCommits.forReadModels(transactions).startTransaction();
        jdbc.update("INSERT INTO line VALUES ('read-model-row')");
        readModel.commit();

        assertThat(linesInACopyOfTheFile()).isEmpty();
        assertThat(jdbc.queryForList("SELECT order_id FROM line", String.class)).containsExactly("read-model-row");

        Transaction command = transactions.startTransaction();
        jdbc.update("INSERT INTO line VALUES ('command-row')");
        command.commit();

        assertThat(linesInACopyOfTheFile()).containsExactly("command-row", "read-model-row");
    }

    @Test
    void commits_of_work_stored_together_are_on_disk_once_it_is_done_and_not_before() throws Exception {
        List<String> meanwhile = DurableCommits.storedTogether(database, () -> {
            try (Connection connection = database.getConnection()) {
                connection.setAutoCommit(false);
                insert(connection, "order-1");
                connection.commit();
                insert(connection, "order-2");
                connection.commit();
                return linesInACopyOfTheFile();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(meanwhile).isEmpty();
        assertThat(linesInACopyOfTheFile()).containsExactly("order-1", "order-2");
    }

    /** What a command inserts is logged, which costs far less than storing the file with every page changed. */
    @Test
    void inserts_of_work_stored_together_are_logged_instead_of_stored_in_the_file() throws Exception {
        DurableCommits.storedTogether(database, () -> inTransaction(connection -> insert(connection, "order-1")));

        assertThat(linesInACopyOfTheFileAlone()).isEmpty();
        assertThat(linesInACopyOfTheFile()).containsExactly("order-1");
    }

    @Test
    void a_transaction_of_work_stored_together_that_does_more_than_insert_is_stored_in_the_file() throws Exception {
        insert(open, "order-1");
        DurableCommits.storedTogether(database, () -> inTransaction(connection -> {
            insert(connection, "order-2");
            try (Statement delete = connection.createStatement()) {
                delete.executeUpdate("DELETE FROM line WHERE order_id = 'order-1'");
            }
        }));

        assertThat(linesInACopyOfTheFileAlone()).containsExactly("order-2");
    }

    @Test
    void a_transaction_of_work_stored_together_that_inserts_more_than_a_command_does_is_stored_in_the_file()
            throws Exception {
        int rows = DurableCommits.LOGGED_INSERTS_AT_MOST + 1;
        DurableCommits.storedTogether(database, () -> inTransaction(connection -> {
            for (int row = 0; row < rows; row++) {
                insert(connection, "order-" + row);
            }
        }));

        assertThat(linesInACopyOfTheFileAlone()).hasSize(rows);
        assertThat(loggedTransactions()).isZero();
    }

    @Test
    void a_batch_of_inserts_with_nulls_and_bytes_is_logged_row_by_row() throws Exception {
        try (Statement statement = open.createStatement()) {
            statement.execute("CREATE TABLE event (id BIGINT PRIMARY KEY, note VARCHAR(20), payload BLOB)");
        }
        DurableCommits.storedTogether(database, () -> inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event VALUES (?, ?, ?)")) {
                for (long id = 1; id <= 3; id++) {
                    insert.setLong(1, id);
                    if (id == 2) {
                        insert.setNull(2, java.sql.Types.VARCHAR);
                    } else {
                        insert.setString(2, "note " + id);
                    }
                    insert.setObject(3, new byte[]{(byte) id, 42});
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }));

        assertThat(linesInACopyOfTheFileAlone()).isEmpty();
        assertThat(rowsInACopyOf("stock", "SELECT id || ':' || COALESCE(note, '-') || ':' || RAWTOHEX(payload)"
                                          + " FROM event ORDER BY id", true))
                .containsExactly("1:note 1:012a", "2:-:022a", "3:note 3:032a");
    }

    @Test
    void a_store_deletes_the_log_it_covers() throws Exception {
        DurableCommits.storedTogether(database, () -> inTransaction(connection -> insert(connection, "order-1")));
        assertThat(loggedTransactions()).isEqualTo(1);

        insert(open, "order-2");

        assertThat(loggedTransactions()).isZero();
        assertThat(linesInACopyOfTheFileAlone()).containsExactly("order-1", "order-2");
    }

    @Test
    void a_transaction_cut_short_at_the_end_of_the_log_is_passed_over() throws Exception {
        DurableCommits.storedTogether(database, () -> inTransaction(connection -> insert(connection, "order-1")));
        DurableCommits.storedTogether(database, () -> inTransaction(connection -> insert(connection, "order-2")));
        Path segment = logSegments("stock").get(0);
        Files.write(segment, Arrays.copyOf(Files.readAllBytes(segment), (int) Files.size(segment) - 3));

        assertThat(linesInACopyOfTheFile()).containsExactly("order-1");
    }

    /** The database closing stores its file; the log beside it is then applied again when it is opened. */
    @Test
    void the_log_applied_again_to_a_file_that_holds_its_rows_changes_nothing() throws Exception {
        DurableCommits.storedTogether(database, () -> inTransaction(connection -> insert(connection, "order-1")));
        open.close();

        open = database.getConnection();

        try (Statement statement = open.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM line")) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(1);
        }
        assertThat(loggedTransactions()).isZero();
    }

    @Test
    void commits_of_work_stored_together_are_on_disk_even_when_it_fails() throws Exception {
        assertThatThrownBy(() -> DurableCommits.storedTogether(database, () -> {
            try (Connection connection = database.getConnection()) {
                insert(connection, "order-1");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalArgumentException("the command failed after a commit");
        })).isInstanceOf(IllegalArgumentException.class);

        assertThat(linesInACopyOfTheFile()).containsExactly("order-1");
    }

    @Test
    void a_commit_on_another_thread_during_work_stored_together_is_stored_when_it_returns() throws Exception {
        DurableCommits.storedTogether(database, () -> {
            try {
                insertedElsewhere(database, "order-1").get();
                assertThat(linesInACopyOfTheFile()).containsExactly("order-1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    @Test
    void a_database_closed_with_its_last_connection_and_opened_again_stores_each_write_as_before() throws Exception {
        open.close();
        open = database.getConnection();
        try (Connection connection = database.getConnection()) {
            insert(connection, "order-1");
        }

        assertThat(linesInACopyOfTheFile()).containsExactly("order-1");
    }

    @Test
    void a_store_cut_short_by_the_database_closing_leaves_the_commits_after_it_free() throws Exception {
        open.close();
        assertThatThrownBy(() -> DurableCommits.storedTogether(database, () -> {
            // the last connection: closing it closes the database before the store that follows the work
            try (Connection connection = database.getConnection()) {
                insert(connection, "order-1");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return null;
        })).isInstanceOf(MVStoreException.class);

        open = database.getConnection();
        insertedElsewhere(database, "order-2").get(10, TimeUnit.SECONDS);
        assertThat(linesInACopyOfTheFile()).containsExactly("order-1", "order-2");
    }

    @Test
    void a_new_connection_whose_url_sets_a_write_delay_does_not_bring_h2s_own_writer_back() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(database);
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(database));

        Transaction readModel = DurableCommits.forReadModels(transactions).startTransaction();
        jdbc.update("INSERT INTO line VALUES ('read-model-row')");
        readModel.commit();
        Thread.sleep(500);

        assertThat(linesInACopyOfTheFile()).isEmpty();
    }

    @Test
    void a_read_models_commit_is_stored_within_the_writers_interval() throws Exception {
        DataSource database = DurableCommits.of(h2File("quick"), Duration.ofMillis(50));
        // the writer starts with the first connection, long after the data source was made, as in the service
        Thread.sleep(100);
        JdbcTemplate jdbc = new JdbcTemplate(database);
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(database));
        try (Connection kept = database.getConnection()) {
            jdbc.execute("CREATE TABLE line (order_id VARCHAR(20) PRIMARY KEY)");

            Transaction readModel = DurableCommits.forReadModels(transactions).startTransaction();
            jdbc.update("INSERT INTO line VALUES ('read-model-row')");
            readModel.commit();

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            List<String> stored = linesInACopyOf("quick");
            while (stored.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                stored = linesInACopyOf("quick");
            }
            assertThat(stored).containsExactly("read-model-row");
        }
    }

    /**
     * Random rows rewritten one store at a time leave most chunks with a little live data (15 % here). Old chunks are
     * freed as soon as nothing in them is live (RETENTION_TIME=0), not 45 s later.
     */
    @Test
    void the_writer_rewrites_sparse_chunks_so_that_old_ones_are_freed() throws Exception {
        DataSource database = DurableCommits.of(h2File("sparse", ";RETENTION_TIME=0"), Duration.ofMillis(50));
        try (Connection connection = database.getConnection()) {
            MVStore store = DurableCommits.storeOf(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE line (order_id INT PRIMARY KEY, filler VARCHAR(200))");
                statement.execute("INSERT INTO line SELECT x, REPEAT('x', 200) FROM SYSTEM_RANGE(1, 20000)");
            }
            Random random = new Random(7);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE line SET filler = ? WHERE order_id = ?")) {
                for (int i = 0; i < 3000; i++) {
                    update.setString(1, "y".repeat(200));
                    update.setInt(2, 1 + random.nextInt(20000));
                    update.executeUpdate();
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (store.getFileStore().getChunksFillRate() < DurableCommits.SPARSE_BELOW_PERCENT_LIVE
                   && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(store.getFileStore().getChunksFillRate())
                    .isGreaterThanOrEqualTo(DurableCommits.SPARSE_BELOW_PERCENT_LIVE);
        }
    }

    /**
     * H2 stores each table as it reaches it, and a commit marks its rows committed one table after another before it
     * drops its undo log: a store running meanwhile could keep part of the transaction with nothing left to undo it.
     * So a store waits for a commit under way, here one held open by the database.
     */
    @Test
    void a_store_waits_for_a_commit_under_way_and_then_holds_all_of_it() throws Exception {
        aStoreWaitsFor("commit", DurableCommits.WRITES_UNDER_WAY_AWAITED, database -> { });
    }

    /**
     * A store that reached a transaction's undo log before a table the transaction then wrote could keep the row
     * without its undo entry. So a store waits for a write under way too.
     */
    @Test
    void a_store_waits_for_a_write_under_way_and_then_holds_all_of_its_transaction() throws Exception {
        aStoreWaitsFor("executeUpdate", DurableCommits.WRITES_UNDER_WAY_AWAITED, database -> { });
    }

    /**
     * Were writes to wait as soon as a store does, each would wait for the slowest one under way. So a write that
     * starts while a store waits for one under way goes on, for a while (here a minute).
     */
    @Test
    void a_write_that_starts_while_a_store_waits_for_one_under_way_goes_on() throws Exception {
        aStoreWaitsFor("executeUpdate", Duration.ofMinutes(1), database -> {
            try (Connection connection = database.getConnection()) {
                connection.setAutoCommit(false);
                CompletableFuture.runAsync(() -> {
                    try {
                        insertInto(connection, "position", "event-8");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }).get(10, TimeUnit.SECONDS);
                connection.rollback();
            }
        });
    }

    /**
     * A read model's transaction whose call {@code held} is held open, a command's write meanwhile, whose store waits
     * for the held call, and then what is done {@code meanwhile}.
     */
    private void aStoreWaitsFor(String held, Duration writesUnderWayAwaited, DatabaseWork meanwhile)
            throws Exception {
        CountDownLatch underWay = new CountDownLatch(1);
        CountDownLatch mayEnd = new CountDownLatch(1);
        DataSource database = DurableCommits.of(callsHeldOpenOn("projection", held, h2File("held"), underWay, mayEnd),
                                                Duration.ofMinutes(1), writesUnderWayAwaited);
        Thread projection = new Thread(() -> {
            try (Connection connection = database.getConnection()) {
                connection.setAutoCommit(false);
                insert(connection, "read-model-row");
                insertInto(connection, "position", "event-7");
                connection.commit();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "projection");
        try (Connection kept = database.getConnection(); Statement statement = kept.createStatement()) {
            statement.execute("CREATE TABLE position (order_id VARCHAR(20) PRIMARY KEY)");
            statement.execute("CREATE TABLE line (order_id VARCHAR(20) PRIMARY KEY)");
            projection.start();
            assertThat(underWay.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> command = insertedElsewhere(database, "command-row");
            try {
                assertThatThrownBy(() -> command.get(300, TimeUnit.MILLISECONDS))
                        .isInstanceOf(TimeoutException.class);
                meanwhile.run(database);
            } finally {
                mayEnd.countDown();
            }
            command.get(10, TimeUnit.SECONDS);
            projection.join();
            assertThat(linesInACopyOf("held")).containsExactly("command-row", "read-model-row");
        }
    }

    private interface DatabaseWork {
        void run(DataSource database) throws Exception;
    }

    /** A line inserted on a connection of its own, on another thread. */
    private static CompletableFuture<Void> insertedElsewhere(DataSource database, String orderId) {
        return CompletableFuture.runAsync(() -> {
            try (Connection connection = database.getConnection()) {
                insert(connection, orderId);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private interface TransactionWork {
        void run(Connection connection) throws SQLException;
    }

    /** Work committed in one transaction on a connection of its own. */
    private Void inTransaction(TransactionWork work) {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            work.run(connection);
            connection.commit();
            return null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The transactions in the commands' log of the database named so. */
    private int loggedTransactions() throws IOException {
        int transactions = 0;
        for (Path segment : logSegments("stock")) {
            transactions += CommandLog.read(segment).size();
        }
        return transactions;
    }

    private List<Path> logSegments(String name) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().startsWith(name + ".commands.")).sorted().toList();
        }
    }

    private static void insert(Connection connection, String orderId) throws SQLException {
        insertInto(connection, "line", orderId);
    }

    private static void insertInto(Connection connection, String table, String orderId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?)")) {
            insert.setString(1, orderId);
            insert.executeUpdate();
        }
    }

    private static final String LINES = "SELECT order_id FROM line ORDER BY order_id";

    private List<String> linesInACopyOfTheFile() throws Exception {
        return linesInACopyOf("stock");
    }

    /** What the file alone holds, without the commands' log beside it. */
    private List<String> linesInACopyOfTheFileAlone() throws Exception {
        return rowsInACopyOf("stock", LINES, false);
    }

    private List<String> linesInACopyOf(String name) throws Exception {
        return rowsInACopyOf(name, LINES, true);
    }

    /**
     * The file as it is on disk now, and the log beside it unless told otherwise, opened as a database of its own as
     * the service opens it. The log is copied first: a store that ran between the two copies could delete it.
     */
    private List<String> rowsInACopyOf(String name, String query, boolean withLog) throws Exception {
        Path copy = Files.createDirectories(directory.resolve("copy-" + System.nanoTime()));
        if (withLog) {
            for (Path segment : logSegments(name)) {
                Files.copy(segment, copy.resolve(segment.getFileName().toString().replace(name + ".", "stock.")));
            }
        }
        Files.copy(directory.resolve(name + ".mv.db"), copy.resolve("stock.mv.db"));
        JdbcDataSource copied = new JdbcDataSource();
        copied.setURL("jdbc:h2:file:" + copy.resolve("stock"));
        copied.setUser("sa");
        List<String> rows = new ArrayList<>();
        try (Connection connection = DurableCommits.of(copied).getConnection();
             Statement statement = connection.createStatement();
             ResultSet found = statement.executeQuery(query)) {
            while (found.next()) {
                rows.add(found.getString(1));
            }
        }
        return rows;
    }

    /**
     * The database's connections; a call of the given name (a commit, a statement's update) made on the thread named
     * so is held open until {@code mayEnd}.
     */
    private static DataSource callsHeldOpenOn(String threadName, String callName, DataSource database,
                                              CountDownLatch underWay, CountDownLatch mayEnd) {
        return new DelegatingDataSource(database) {
            @Override
            public Connection getConnection() throws SQLException {
                return held(super.getConnection(), Connection.class);
            }

            private <T> T held(Object target, Class<T> type) {
                return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{type},
                                                        (proxy, method, args) -> {
                    if (method.getName().equals(callName) && Thread.currentThread().getName().equals(threadName)) {
                        underWay.countDown();
                        mayEnd.await();
                    }
                    try {
                        Object result = method.invoke(target, args);
                        return result instanceof PreparedStatement statement
                               ? held(statement, PreparedStatement.class) : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
            }
        };
    }
}
