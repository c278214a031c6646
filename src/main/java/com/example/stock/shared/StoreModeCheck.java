package com.example.stock.shared;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Switching between the embedded store and Axon Server is a change of configuration, but the database remembers the
 * mode it was used in: embedded, it holds the events; on Axon Server, the server holds them and the database only
 * the processors' positions in the server's stream and the read models. Started in the other mode on the same
 * database, every product would seem to be gone and the processors would follow positions of another stream. This
 * check refuses that at start, before any processor runs, and says what to do.
 * <p>
 * On Axon Server it also warns when this instance keeps its own H2 file database: right for one instance, wrong for
 * several, which must share one database (see axonserver/README.md). And it refuses the components the build fixed
 * ahead of time (started with {@code -Dspring.aot.enabled=true}): they are those of the embedded store, so the
 * service would keep its events in its own database while configured for Axon Server.
 */
@Component
class StoreModeCheck {

    private static final Logger log = LoggerFactory.getLogger(StoreModeCheck.class);

    StoreModeCheck(JdbcClient jdbc, EventSchema events, @Value("${axon.axonserver.enabled:true}") boolean onAxonServer,
                   @Value("${spring.datasource.url:}") String databaseUrl) {
        if (onAxonServer) {
            refuseComponentsBuiltAheadOfTime(AotDetector.useGeneratedArtifacts());
            refuseEmbeddedEvents(jdbc, events);
            if (databaseUrl.startsWith("jdbc:h2:file:")) {
                log.warn("On Axon Server with this instance's own H2 file database ({}): run only this one instance "
                         + "like this. Several instances must share one database (spring.datasource.url), or each "
                         + "would run the reallocation and the mails itself and check batch references only "
                         + "against its own; see axonserver/README.md", databaseUrl);
            }
        } else {
            refuseAxonServerPositions(jdbc);
        }
    }

    /** On Axon Server: not with the components built ahead of time, which are the embedded store's. */
    static void refuseComponentsBuiltAheadOfTime(boolean aheadOfTime) {
        if (aheadOfTime) {
            throw new RefusedToStart(
                    "The service was started with the components its build fixed ahead of time "
                            + "(-Dspring.aot.enabled=true), which are those of the embedded event store, and it is "
                            + "configured for Axon Server (profile axonserver): started like this, it would keep its "
                            + "events in its own database, not in the server.",
                    "Start it on Axon Server without -Dspring.aot.enabled=true; see axonserver/README.md.");
        }
    }

    /** On Axon Server: the database must not hold events of the embedded store, which the server does not have. */
    static void refuseEmbeddedEvents(JdbcClient jdbc, EventSchema events) {
        long stored = jdbc.sql("SELECT count(*) FROM " + events.domainEventTable()).query(Long.class).single();
        if (stored > 0) {
            throw new RefusedToStart(
                    "This database holds the events of the embedded event store (" + stored + " of them), and the "
                            + "service is configured for Axon Server (profile axonserver), which does not have them: "
                            + "started like this, every product would seem to be gone.",
                    "Start without the axonserver profile to go on with the embedded store. To move to Axon Server, "
                            + "copy the events into it first (AxonIQ's migration tool reads this JDBC store), then "
                            + "start on a fresh database (spring.datasource.url, or another stock.data-dir): the "
                            + "read models are rebuilt from the server. See axonserver/README.md.");
        }
    }

    /** Embedded: the database must not hold positions in Axon Server's stream. */
    static void refuseAxonServerPositions(JdbcClient jdbc) {
        TokenSchema tokens = new TokenSchema();
        long positions = jdbc.sql("SELECT count(*) FROM " + tokens.tokenTable() + " WHERE "
                                          + tokens.tokenTypeColumn() + " = ?")
                             .param(GlobalSequenceTrackingToken.class.getName())
                             .query(Long.class).single();
        if (positions > 0) {
            throw new RefusedToStart(
                    "This database was used on Axon Server: its processors' positions are positions in the server's "
                            + "event stream, and the events themselves are in the server. Started embedded, without "
                            + "the axonserver profile, every product would seem to be gone.",
                    "Start with --spring.profiles.active=axonserver (and the server's address), or start the "
                            + "embedded service on another data directory (--stock.data-dir=...).");
        }
    }
}
