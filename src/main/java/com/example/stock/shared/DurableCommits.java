package com.example.stock.shared;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Every write to the embedded H2 file but a read model's is on disk before whoever made it is answered: after each
 * commit that wrote something, and after each write made outside a transaction, the file is stored (H2's store
 * commit, as its {@code CHECKPOINT} does: a write of what is committed, without forcing it to the disk, as
 * {@code WRITE_DELAY=0} did), or a command's inserts are logged (below). Only the commits of a read model's processor
 * or rebuild are left to a writer that stores the file once no store has run for {@link #READ_MODELS_STORED_EVERY}
 * (that store covers the logged inserts too): a read model's rows commit in one transaction with the processor's
 * position, so a crash takes both back to a position from which the processor handles the events again (a rebuild
 * cut short is started anew).
 * Storing those commits one by one was most of the read models' cost (docs/benchmarks.md).
 * <p>
 * That writer is the service's, not H2's: H2's own background writer (on by default, switched off here once the
 * database is open and whenever a new connection's {@code WRITE_DELAY} switches it on again) hands every store, also
 * those asked for here, to two threads of its own and waits for both, and on two cores those hand-offs were most of a
 * store's time. Here a store runs on the thread that needs it.
 * <p>
 * A command's transaction that only inserted (its events, a batch's entry in the directory) is written to the
 * {@link CommandLog} beside the file, not stored, before the command is answered ({@link #storedTogether}); the
 * writer's next store covers it, and after a crash the log gives back what the stored file lacks. Storing the file
 * for each command wrote every page changed since the store before, the read models' among them, and each command
 * queued for one store at a time (docs/benchmarks.md). Any other transaction of a command is stored once the command
 * is done, and so is any commit the command could have seen that is not stored yet: a logged transaction never
 * depends on a commit that a crash could take back. Each store covers every commit counted, and every transaction
 * logged, before it started.
 * <p>
 * No write and no commit runs while a store takes the state of the tables. H2 takes each table, index and undo log as
 * of the moment it reaches it, one after the other (h2database issue 2080). A commit marks a transaction's rows
 * committed one table at a time before it drops the transaction's undo log, so a store that overlapped it could keep
 * some of its rows and not others with no log left to undo them; and a store that reached a transaction's undo log
 * before a table it then wrote could keep a row with no undo entry, which the next transaction of the same number takes
 * for its own after a crash. Either way a read model's rows could outlive the position committed with them. Writes and
 * commits wait only until the state is taken, which H2 does not announce: a map of the service's own, changed before
 * each store, tells it when H2 writes its page. Nor do they wait while a store waits for those under way to end, unless
 * that takes long. H2 stores on its own only once many megabytes are left unstored, and such a store waits for nothing;
 * the writer below stores at half that, so H2's comes only if the writer is held up while much is written.
 */
final class DurableCommits extends DelegatingDataSource {

    private static final Logger log = LoggerFactory.getLogger(DurableCommits.class);
    private static final ThreadLocal<Boolean> READ_MODEL_COMMIT = ThreadLocal.withInitial(() -> false);

    /** Set while this thread runs work whose commits are stored when it is done. */
    private final ThreadLocal<Boolean> storedLater = ThreadLocal.withInitial(() -> false);
    /** The number of the last transaction this thread logged in that work, or 0. */
    private final ThreadLocal<Long> loggedUpTo = ThreadLocal.withInitial(() -> 0L);
    /** The commands' inserts, logged ahead of the stores of the database opened last. */
    private volatile CommandLog commandLog;
    /** Commits that need storing, each counted as it is made; {@link #stored} is how many a store covered. */
    private final AtomicLong committed = new AtomicLong();
    private volatile long stored;
    private final Duration readModelsStoredEvery;
    private final Duration writesUnderWayAwaited;
    /** The database's store, taken over from H2's background writer when the first connection is opened. */
    private volatile MVStore store;
    private volatile long lastStoreNanos = System.nanoTime();
    /** Held shared by each write and commit, and exclusively by a store until it has taken every table's state. */
    private final ReentrantReadWriteLock writesAndStores = new ReentrantReadWriteLock();
    /** A map of the service's own in the database, changed before each store so that each store writes it. */
    private volatile MVMap<Integer, Object> storeMarker;
    private long storesMarked;

    /** How long a read model's commit may wait to be stored. */
    static final Duration READ_MODELS_STORED_EVERY = Duration.ofMillis(100);
    private static final Duration UNSTORED_MEMORY_WATCHED_EVERY = Duration.ofMillis(5);
    /** How long a store lets new writes and commits start while it waits for those under way to end. */
    static final Duration WRITES_UNDER_WAY_AWAITED = Duration.ofMillis(1);
    private static final String STORE_MARKER = "stock.storeMarker";
    /** The store marker's entry that holds the last logged transaction a store covers. */
    private static final int LOGGED_UP_TO = 1;
    /**
     * A chunk of the file is freed only once none of its pages is live, and the leaves of the tables keyed by order
     * id stay live in old chunks for long, so without H2's housekeeping (off with its writer) the file grows with
     * every store. The writer rewrites the live pages of the sparsest chunks, a bounded amount each second, so the
     * old ones can be freed: more than that held the store too long for the commands waiting for it
     * (docs/benchmarks.md).
     */
    static final Duration SPARSE_CHUNKS_REWRITTEN_EVERY = Duration.ofSeconds(1);
    static final int SPARSE_BELOW_PERCENT_LIVE = 30;
    static final int SPARSE_CHUNKS_REWRITTEN_BYTES = 2 << 20;
    /**
     * A command inserts a handful of rows. A transaction that inserts more (a product's order lines filled in from its
     * events) is stored rather than logged, so that its inserts are not held in memory until it commits.
     */
    static final int LOGGED_INSERTS_AT_MOST = 1_000;

    private DurableCommits(DataSource pool, Duration readModelsStoredEvery, Duration writesUnderWayAwaited) {
        super(pool);
        this.readModelsStoredEvery = readModelsStoredEvery;
        this.writesUnderWayAwaited = writesUnderWayAwaited;
    }

    /** The data source whose connections store every write but a read model's (or a command's, see above). */
    static DataSource of(DataSource pool) {
        return of(pool, READ_MODELS_STORED_EVERY);
    }

    static DataSource of(DataSource pool, Duration readModelsStoredEvery) {
        return of(pool, readModelsStoredEvery, WRITES_UNDER_WAY_AWAITED);
    }

    static DataSource of(DataSource pool, Duration readModelsStoredEvery, Duration writesUnderWayAwaited) {
        return new DurableCommits(pool, readModelsStoredEvery, writesUnderWayAwaited);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return durable(takeOverStores(super.getConnection()));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return durable(takeOverStores(super.getConnection(username, password)));
    }

    /**
     * H2's background writer off, and the service's writer for the read models' commits started, once for each
     * opening of the database (H2 closes it with its last connection). Checked at every checkout: a connection whose
     * URL sets {@code WRITE_DELAY} turns H2's writer on again when it is opened, as {@code SET WRITE_DELAY} does.
     */
    private Connection takeOverStores(Connection connection) throws SQLException {
        MVStore taken = store;
        if (taken == null || taken.isClosed() || taken.getAutoCommitDelay() >= 0) {
            synchronized (this) {
                MVStore opened = storeOf(connection);
                opened.setAutoCommitDelay(-1);
                if (opened != store) {
                    if (commandLog != null) {
                        commandLog.close();
                    }
                    storeMarker = opened.openMap(STORE_MARKER, new MVMap.Builder<Integer, Object>()
                            .valueType(new WrittenOnceStateIsTaken()));
                    commandLog = logAppliedAgain(opened, connection);
                    store = opened;
                    storeAll();
                    Thread writer = new Thread(() -> storeReadModels(opened), "read-model-writer");
                    writer.setDaemon(true);
                    writer.start();
                }
            }
        }
        return connection;
    }

    /**
     * The commands' log of a database just opened, its transactions that the stored file lacks applied again (on
     * the connection, before anything else can write) and then stored with it.
     */
    private CommandLog logAppliedAgain(MVStore opened, Connection connection) throws SQLException {
        Path file = Path.of(opened.getFileStore().getFileName());
        long stored = storeMarker.get(LOGGED_UP_TO) instanceof Long number ? number : 0;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        AtomicLong applied = new AtomicLong();
        try {
            CommandLog found = CommandLog.open(file, stored, (number, statements) -> {
                CommandLog.apply(connection, statements);
                connection.commit();
                applied.incrementAndGet();
            });
            if (applied.get() > 0) {
                log.info("Applied {} transactions from the commands' log that the stored database file lacked",
                         applied.get());
            }
            return found;
        } catch (IOException | SQLException e) {
            connection.rollback();
            throw new SQLException("The commands' log next to " + file + " could not be applied to the database: "
                                   + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The H2 store behind a connection to the embedded database. */
    static MVStore storeOf(Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore();
    }

    /**
     * Until the database closes, stores what is committed and not stored yet once no store has run for an interval
     * (while commands come, their stores take the read models' commits along), and sooner once half as much is left
     * unstored as makes H2 store by itself: H2's own store runs on whichever thread is writing, without waiting for
     * the commits under way. Also rewrites sparse chunks.
     */
    private void storeReadModels(MVStore opened) {
        long interval = readModelsStoredEvery.toNanos();
        long lastRewrite = System.nanoTime();
        int h2StoresAbove = opened.getAutoCommitMemory();
        int storedAbove = h2StoresAbove > 0 ? h2StoresAbove / 2 : Integer.MAX_VALUE;
        while (!opened.isClosed()) {
            try {
                if (System.nanoTime() - lastRewrite >= SPARSE_CHUNKS_REWRITTEN_EVERY.toNanos()) {
                    lastRewrite = System.nanoTime();
                    opened.compact(SPARSE_BELOW_PERCENT_LIVE, SPARSE_CHUNKS_REWRITTEN_BYTES);
                }
                boolean due = System.nanoTime() - lastStoreNanos >= interval && opened.hasUnsavedChanges();
                if (due || opened.getUnsavedMemory() > storedAbove) {
                    storeAll();
                } else {
                    Thread.sleep(UNSTORED_MEMORY_WATCHED_EVERY.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException closedMeanwhile) {
                if (!opened.isClosed()) {
                    throw closedMeanwhile;
                }
            }
        }
    }

    /**
     * Runs work on this thread and, when it is done, failed or not, has its commits on disk: its transactions that only
     * inserted in the log, the others stored together with any commits made meanwhile. On a data source that stores
     * nothing itself, just runs it.
     */
    static <T> T storedTogether(DataSource dataSource, Supplier<T> work) {
        if (!(dataSource instanceof DurableCommits durable)) {
            return work.get();
        }
        durable.storedLater.set(true);
        try {
            return work.get();
        } finally {
            durable.storedLater.remove();
            durable.awaitLogged();
            durable.storeUpTo(durable.committed.get());
        }
    }

    /** Returns once this thread's logged transactions are on disk: in the log or, failing that, in the file. */
    private void awaitLogged() {
        long number = loggedUpTo.get();
        loggedUpTo.remove();
        if (number == 0) {
            return;
        }
        try {
            commandLog.awaitDurable(number);
        } catch (IOException notWritten) {
            storeAll();
        }
    }

    /**
     * Stores the file unless a store that started after commit number {@code commit} was counted already did; one
     * store at a time, so those waiting find theirs done by the one before.
     */
    private void storeUpTo(long commit) {
        if (stored >= commit) {
            return;
        }
        synchronized (committed) {
            if (stored < commit) {
                storeAll();
            }
        }
    }

    /** Stores what is committed; the commits counted before it are then on disk. */
    private void storeAll() {
        synchronized (committed) {
            long covered = committed.get();
            long logged;
            try {
                do {
                    lockOutWrites();
                    logged = commandLog.endSegment();
                    storeMarker.put(LOGGED_UP_TO, logged);
                    // a write may make H2 store by itself, and such a store lets writes go on before this one begins
                    storeMarker.put(0, ++storesMarked);
                } while (!writesAndStores.isWriteLockedByCurrentThread());
                store.commit();
            } finally {
                // also when the database was closed meanwhile, so that the writes after it is opened again go on
                writesMayGoOn();
            }
            stored = covered;
            lastStoreNanos = System.nanoTime();
            commandLog.storedUpTo(logged);
        }
    }

    /**
     * Makes new writes and commits wait, once none is under way. Until then (for a while) new ones may start: were
     * they to wait as soon as a store does, each would wait for the slowest one under way, and then for its own thread
     * to run again, many times a store's own hold (docs/benchmarks.md).
     */
    private void lockOutWrites() {
        Lock exclusive = writesAndStores.writeLock();
        long since = System.nanoTime();
        while (!exclusive.tryLock()) {
            if (System.nanoTime() - since >= writesUnderWayAwaited.toNanos()) {
                exclusive.lock();
                return;
            }
            // lets the threads of the writes under way run on, on a machine with few cores
            Thread.yield();
        }
    }

    /** Ends the wait of the writes that came while this thread's store was taking the tables' state, if it was. */
    private void writesMayGoOn() {
        if (writesAndStores.isWriteLockedByCurrentThread()) {
            writesAndStores.writeLock().unlock();
        }
    }

    /**
     * The store marker's values as H2 writes any map's, and its one hint: H2 takes the state of every map before it
     * writes the first page of any, so once the marker's page is written, writes may go on while the rest of the
     * store is written.
     */
    private final class WrittenOnceStateIsTaken extends ObjectDataType {

        @Override
        public void write(WriteBuffer buffer, Object value) {
            writesMayGoOn();
            super.write(buffer, value);
        }
    }

    /** The transactions of a read model's processor or rebuild, whose commits are left to the writer. */
    static TransactionManager forReadModels(TransactionManager transactions) {
        return () -> {
            Transaction transaction = transactions.startTransaction();
            return new Transaction() {
                @Override
                public void commit() {
                    READ_MODEL_COMMIT.set(true);
                    try {
                        transaction.commit();
                    } finally {
                        READ_MODEL_COMMIT.remove();
                    }
                }

                @Override
                public void rollback() {
                    transaction.rollback();
                }
            };
        };
    }

    private Connection durable(Connection connection) {
        return (Connection) Proxy.newProxyInstance(DurableCommits.class.getClassLoader(),
                                                   new Class<?>[]{Connection.class}, new Writes(connection));
    }

    /**
     * One connection: whether it wrote since its last commit, what its transaction inserted in work stored together,
     * and the log or the store after the writes that need it.
     */
    private final class Writes implements InvocationHandler {

        private final Connection connection;
        private boolean uncommitted;
        /** The statements this transaction executed in work stored together, while each was an insert logged. */
        private List<CommandLog.Executed> inserted = new ArrayList<>();
        /** Whether this transaction wrote something in that work that the log does not hold. */
        private boolean unlogged;
        /** The number of the last commit this connection made that is to be stored, or 0. */
        private long counted;

        Writes(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "commit":
                    commit(method, args);
                    return null;
                case "rollback":
                    writing(connection, method, args, false);
                    if (args == null) {
                        uncommitted = false;
                        forget();
                    } else {
                        // back to a savepoint: what the transaction keeps is no longer the inserts seen
                        unlogged = true;
                    }
                    return null;
                case "setAutoCommit":
                    // switching a transaction to auto-commit commits it
                    if ((boolean) args[0] && !connection.getAutoCommit()) {
                        commit(method, args);
                    } else {
                        call(connection, method, args);
                    }
                    return null;
                default:
                    Object result = call(connection, method, args);
                    Class<?> declared = method.getReturnType();
                    if (!(result instanceof Statement statement) || !Statement.class.isAssignableFrom(declared)) {
                        return result;
                    }
                    boolean logs = method.getName().equals("prepareStatement") && storedLater.get()
                            && CommandLog.loggable((String) args[0]);
                    return statement(proxy, statement, declared, logs ? new Parameters((String) args[0]) : null);
            }
        }

        /**
         * Commits; in work stored together, a transaction that only inserted is logged before any store may start,
         * so that the next store covers it, and any other is stored.
         */
        private void commit(Method method, Object[] args) throws Throwable {
            byte[] statements = uncommitted && storedLater.get() && !unlogged && !inserted.isEmpty()
                                ? CommandLog.encode(inserted) : null;
            long number = 0;
            Lock write = writesAndStores.readLock();
            write.lock();
            try {
                counted = uncommitted && statements == null ? count() : 0;
                call(connection, method, args);
                if (statements != null) {
                    number = commandLog.append(statements);
                }
            } finally {
                write.unlock();
            }
            forget();
            uncommitted = false;
            if (number > 0) {
                loggedUpTo.set(Math.max(loggedUpTo.get(), number));
            } else {
                storeCounted();
            }
        }

        private void forget() {
            if (!inserted.isEmpty()) {
                inserted = new ArrayList<>();
            }
            unlogged = false;
        }

        /** A statement whose writes wait while a store takes the tables' state, and whose inserts are kept if logged. */
        private Object statement(Object connectionProxy, Statement statement, Class<?> type, Parameters logged) {
            InvocationHandler handler = (proxy, method, args) -> {
                String name = method.getName();
                switch (name) {
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "getConnection":
                        return connectionProxy;
                    default:
                        if (logged != null) {
                            logged.seen(name, args);
                        }
                        if (!name.startsWith("execute") || name.equals("executeQuery")) {
                            return call(statement, method, args);
                        }
                        // outside a transaction, a write commits as it returns
                        boolean commits = connection.getAutoCommit();
                        Object result = writing(statement, method, args, commits);
                        if (commits) {
                            storeCounted();
                        } else {
                            uncommitted = true;
                            if (storedLater.get() && !unlogged) {
                                if (logged != null && args == null && inserted.size() < LOGGED_INSERTS_AT_MOST) {
                                    inserted.add(logged.executed(name));
                                } else {
                                    unlogged = true;
                                    inserted = new ArrayList<>();
                                }
                            }
                        }
                        return result;
                }
            };
            // the interface the connection's method declares: Statement, PreparedStatement or CallableStatement
            return Proxy.newProxyInstance(DurableCommits.class.getClassLoader(), new Class<?>[]{type}, handler);
        }

        /**
         * A call that writes, commits or rolls back, which waits while a store takes the tables' state. A commit to be
         * stored is counted before it is made, under the same hold: whoever sees its rows finds it counted, and no
         * store starts in between that would not cover it.
         */
        private Object writing(Object target, Method method, Object[] args, boolean commits) throws Throwable {
            Lock write = writesAndStores.readLock();
            write.lock();
            try {
                counted = commits ? count() : 0;
                return call(target, method, args);
            } finally {
                write.unlock();
            }
        }

        private long count() {
            return READ_MODEL_COMMIT.get() ? 0 : committed.incrementAndGet();
        }

        /** Stores the commit counted last, now or, in work stored together, when the work is done. */
        private void storeCounted() {
            if (counted > 0 && !storedLater.get()) {
                storeUpTo(counted);
            }
        }

        private static Object call(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** The parameters set on an insert to be logged, and the rows of its batch. */
    private static final class Parameters {

        /** A value the log does not hold: the transaction is stored instead. */
        private static final Object UNLOGGED = new Object();

        private final String sql;
        private Object[] values = new Object[8];
        private int count;
        private List<Object[]> batch = new ArrayList<>();

        Parameters(String sql) {
            this.sql = sql;
        }

        void seen(String method, Object[] args) {
            if (method.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                set(index, valueOf(method, args));
            } else if (method.equals("addBatch") && args == null) {
                batch.add(row());
            } else if (method.equals("clearBatch")) {
                batch = new ArrayList<>();
            } else if (method.equals("clearParameters")) {
                Arrays.fill(values, null);
                count = 0;
            }
        }

        private static Object valueOf(String method, Object[] args) {
            if (method.equals("setNull")) {
                return new CommandLog.Null((int) args[1]);
            }
            if (args.length > 2) {
                return UNLOGGED;
            }
            return args[1] == null ? new CommandLog.Null(Types.NULL) : args[1];
        }

        private void set(int index, Object value) {
            if (index > values.length) {
                values = Arrays.copyOf(values, Math.max(index, values.length * 2));
            }
            values[index - 1] = value;
            count = Math.max(count, index);
        }

        private Object[] row() {
            return Arrays.copyOf(values, count);
        }

        /** What an execution of this name inserted: the rows of the batch, or the row set. */
        CommandLog.Executed executed(String method) {
            if (method.equals("executeBatch") || method.equals("executeLargeBatch")) {
                List<Object[]> rows = batch;
                batch = new ArrayList<>();
                return new CommandLog.Executed(sql, rows);
            }
            return new CommandLog.Executed(sql, List.<Object[]>of(row()));
        }
    }
}
