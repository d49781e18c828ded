package dev.quorum.limits.control;

import dev.quorum.platform.control.QuorumException;
import java.util.concurrent.TimeUnit;

/**
 * Whether a connection honours the {@code retryAfter} of its publish refusals. A refusal that arrives
 * before the previous one's {@code retryAfter} has passed means the client did not wait; more than
 * {@code tolerated} of those a minute (a client that pipelines a burst sees a few before its first
 * refusal reaches it) and the connection is closed with 4029. Not thread-safe: one per connection, used
 * from its frame handling.
 */
public final class RateLimitCompliance {

    private final TokenBucket tolerance;
    private long notBeforeNanos = Long.MIN_VALUE;

    public RateLimitCompliance(int toleratedPerMinute, long nowNanos) {
        this.tolerance = new TokenBucket(toleratedPerMinute, toleratedPerMinute / 60.0, nowNanos);
    }

    /** Records the refusal; answers true when the client has ignored too many retryAfters to keep it. */
    public boolean ignored(QuorumException refusal, long nowNanos) {
        boolean early = nowNanos < notBeforeNanos;
        notBeforeNanos = Math.max(notBeforeNanos, nowNanos + TimeUnit.MILLISECONDS.toNanos(refusal.retryAfterMillis()));
        return early && tolerance.tryTake(nowNanos) > 0;
    }
}
