package dev.quorum.encryption.control;

import java.util.OptionalLong;

/**
 * How long a node's re-encryption sweeps have found nothing to seal, without a failure in between: once that
 * has lasted long enough, rooms marked confidential before the spell began have nothing left in clear (every
 * pass since looked at them), and can leave the backlog. Long enough means longer than any transaction that
 * was writing to such a room in clear when it was marked, or holding a row a pass skipped as locked.
 * Not thread-safe: one sweep runs at a time.
 */
final class IdleSpell {

    private final long requiredNanos;
    private long idleSinceNanos;
    private boolean idle;

    IdleSpell(long requiredNanos) {
        this.requiredNanos = requiredNanos;
    }

    /**
     * Records a pass that ended normally; answers, once the spell has lasted long enough, how long it has
     * lasted (in milliseconds): rooms marked before that can leave the backlog.
     */
    OptionalLong passed(boolean sealedSomething, long nowNanos) {
        if (sealedSomething) {
            idle = false;
            return OptionalLong.empty();
        }
        if (!idle) {
            idle = true;
            idleSinceNanos = nowNanos;
        }
        long lasted = nowNanos - idleSinceNanos;
        return lasted >= requiredNanos ? OptionalLong.of(lasted / 1_000_000) : OptionalLong.empty();
    }

    /** A pass that failed may have left work undone: the spell starts again. */
    void failed() {
        idle = false;
    }
}
