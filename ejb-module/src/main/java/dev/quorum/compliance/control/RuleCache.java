package dev.quorum.compliance.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each organization's rules as this node last read them, for at most five seconds: screening every message
 * must not read the rules every time, and a change made on another node counts within seconds.
 */
@ApplicationScoped
public class RuleCache {

    private static final long FRESH_NANOS = 5_000_000_000L;

    private record Read(List<Rule> rules, long at) {}

    @Inject
    ComplianceRules store;

    private final Map<Long, Read> reads = new ConcurrentHashMap<>();

    public List<Rule> rules(long organizationId) {
        Read read = reads.get(organizationId);
        long now = System.nanoTime();
        if (read == null || now - read.at() > FRESH_NANOS) {
            read = new Read(List.copyOf(store.rules(organizationId)), now);
            reads.put(organizationId, read);
        }
        return read.rules();
    }

    /** A change on this node counts at once. */
    public void forget(long organizationId) {
        reads.remove(organizationId);
    }
}
