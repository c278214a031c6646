package com.example.stock.shared;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Writes the position of a processor that only passed over events (none it handles) at most once per interval. The
 * reallocation policy passes over every allocation and the mail over all but out-of-stock events, and each such
 * batch would otherwise be a commit of its own, a new chunk of the database file for nothing. Losing such a
 * position loses nothing: after a restart the processor passes over the same events again. A position written with
 * the events it handled (inside their unit of work), a position that moves back (a reset), and a claim kept alive
 * are written as always; the interval is well under the claim's timeout.
 */
final class PassedOverPositions implements TokenStore {

    private final TokenStore delegate;
    private final Predicate<String> spared;
    private final long intervalNanos;
    private final Map<String, Written> lastWritten = new ConcurrentHashMap<>();

    PassedOverPositions(TokenStore delegate, Predicate<String> spared, Duration interval) {
        this.delegate = delegate;
        this.spared = spared;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        if (!spared.test(processorName)) {
            delegate.storeToken(token, processorName, segment);
            return;
        }
        String key = processorName + '/' + segment;
        long now = System.nanoTime();
        Written last = lastWritten.get(key);
        boolean passedOver = !CurrentUnitOfWork.isStarted();
        if (passedOver && last != null && now - last.at() < intervalNanos && last.isCoveredBy(token)) {
            return;
        }
        delegate.storeToken(token, processorName, segment);
        lastWritten.put(key, new Written(token, now));
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        delegate.extendClaim(processorName, segment);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }

    private record Written(TrackingToken token, long at) {

        /** Whether {@code later} has moved on from this position, not back (as a reset does). */
        boolean isCoveredBy(TrackingToken later) {
            return token != null && later != null && later.covers(token);
        }
    }
}
