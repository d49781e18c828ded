package dev.quorum.encryption.control;

/**
 * Whether a node's re-encryption sweeps have found nothing to seal, without a failure in between, for long
 * enough: longer than any transaction that was writing to a room in clear as it was marked confidential, or
 * holding a row a pass skipped as locked (another node's batch that may still fail). Then a room marked at
 * least that long ago has nothing left in clear, every pass since having looked at it, and can leave the
 * backlog. Not thread-safe: one sweep runs at a time.
 */
final class IdleSpell {

    private final long requiredNanos;
    private long idleSinceNanos;
    private boolean idle;

    IdleSpell(long requiredNanos) {
        this.requiredNanos = requiredNanos;
    }

    /** Records a pass that ended normally; answers whether the spell has lasted long enough. */
    boolean passed(boolean sealedSomething, long nowNanos) {
        if (sealedSomething) {
            idle = false;
            return false;
        }
        if (!idle) {
            idle = true;
            idleSinceNanos = nowNanos;
        }
        return nowNanos - idleSinceNanos >= requiredNanos;
    }

    /** A pass that failed may have left work undone: the spell starts again. */
    void failed() {
        idle = false;
    }
}
