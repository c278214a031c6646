package com.example.stock.shared;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Every write to the embedded H2 file but a read model's is on disk before whoever made it is answered: after each
 * commit that wrote something, and after each write made outside a transaction, the file is stored (H2's store
 * commit, as its {@code CHECKPOINT} does: a write of what is committed, without forcing it to the disk, as
 * {@code WRITE_DELAY=0} did). Only the commits of a read model's processor or rebuild are left to a writer that
 * stores the file once no store has run for {@link #READ_MODELS_STORED_EVERY}: a read model's rows commit in one
 * transaction with the processor's position, so a crash takes both back to a position from which the processor
 * handles the events again (a rebuild cut short is started anew).
 * Storing those commits one by one was most of the read models' cost (docs/benchmarks.md).
 * <p>
 * That writer is the service's, not H2's: H2's own background writer (on by default, switched off here once the
 * database is open and whenever a new connection's {@code WRITE_DELAY} switches it on again) hands every store, also
 * those asked for here, to two threads of its own and waits for both, and on two cores those hand-offs were most of a
 * store's time. Here a store runs on the thread that needs it.
 * <p>
 * A command's commit is stored once the command is done ({@link #storedTogether}) rather than in its commit: the
 * product's lock is then free while the file is written, and the commands that finish meanwhile share one store.
 * Each store covers every commit counted before it started, so a command is on disk before it is answered.
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

    private static final ThreadLocal<Boolean> READ_MODEL_COMMIT = ThreadLocal.withInitial(() -> false);

    /** Set while this thread runs work whose commits are stored when it is done. */
    private final ThreadLocal<Boolean> storedLater = ThreadLocal.withInitial(() -> false);
    /** Commits that need storing, counted once each is committed; {@link #stored} is how many a store covered. */
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
                    storeMarker = opened.openMap(STORE_MARKER, new MVMap.Builder<Integer, Object>()
                            .valueType(new WrittenOnceStateIsTaken()));
                    store = opened;
                    Thread writer = new Thread(() -> storeReadModels(opened), "read-model-writer");
                    writer.setDaemon(true);
                    writer.start();
                }
            }
        }
        return connection;
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
     * Runs work on this thread and stores its commits when it is done, failed or not, together with any others made
     * meanwhile; on a data source that stores nothing itself, just runs it.
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
            durable.storeUpTo(durable.committed.get());
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
            try {
                do {
                    lockOutWrites();
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

    /** One connection: whether it wrote since its last commit, and the store after the writes that need it. */
    private final class Writes implements InvocationHandler {

        private final Connection connection;
        private boolean uncommitted;

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
                    writing(connection, method, args);
                    if (uncommitted) {
                        uncommitted = false;
                        store();
                    }
                    return null;
                case "rollback":
                    writing(connection, method, args);
                    if (args == null) {
                        uncommitted = false;
                    }
                    return null;
                case "setAutoCommit":
                    // switching a transaction to auto-commit commits it
                    boolean commits = (boolean) args[0] && !connection.getAutoCommit();
                    if (commits) {
                        writing(connection, method, args);
                    } else {
                        call(connection, method, args);
                    }
                    if (commits && uncommitted) {
                        uncommitted = false;
                        store();
                    }
                    return null;
                default:
                    Object result = call(connection, method, args);
                    Class<?> declared = method.getReturnType();
                    return result instanceof Statement statement && Statement.class.isAssignableFrom(declared)
                            ? statement(proxy, statement, declared) : result;
            }
        }

        private Object statement(Object connectionProxy, Statement statement, Class<?> type) {
            InvocationHandler handler = (proxy, method, args) -> {
                switch (method.getName()) {
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "getConnection":
                        return connectionProxy;
                    default:
                        if (!method.getName().startsWith("execute") || method.getName().equals("executeQuery")) {
                            return call(statement, method, args);
                        }
                        // outside a transaction, a write commits as it returns
                        boolean commits = connection.getAutoCommit();
                        Object result = writing(statement, method, args);
                        wrote(commits);
                        return result;
                }
            };
            // the interface the connection's method declares: Statement, PreparedStatement or CallableStatement
            return Proxy.newProxyInstance(DurableCommits.class.getClassLoader(), new Class<?>[]{type}, handler);
        }

        private void wrote(boolean autoCommitted) throws SQLException {
            if (autoCommitted) {
                store();
            } else {
                uncommitted = true;
            }
        }

        private void store() throws SQLException {
            if (READ_MODEL_COMMIT.get()) {
                return;
            }
            long commit = committed.incrementAndGet();
            if (!storedLater.get()) {
                storeUpTo(commit);
            }
        }

        /** A call that writes, commits or rolls back, which waits while a store takes the tables' state. */
        private Object writing(Object target, Method method, Object[] args) throws Throwable {
            Lock write = writesAndStores.readLock();
            write.lock();
            try {
                return call(target, method, args);
            } finally {
                write.unlock();
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
}
