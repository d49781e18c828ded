package dev.quorum.limits.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;

/**
 * Quorum's abuse limits, per node: publishes per member (a sustained rate and a burst), handshakes per
 * address, and open connections per address and per member. The benchmark configuration raises the
 * defaults; explicit settings always win.
 */
@ApplicationScoped
public class Limits {

    @Inject
    Config config;

    private boolean benchmark;
    private int publishPerMinute;
    private int publishBurstPerSecond;
    private int handshakesPerAddressPerMinute;
    private int connectionsPerAddress;
    private int connectionsPerMember;
    private int abuseRefusalsPerMinute;

    private final Map<Long, PublishAllowance> publishers = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> handshakes = new ConcurrentHashMap<>();

    @PostConstruct
    void configure() {
        benchmark = config.getOptionalValue("quorum.benchmark.enabled", Boolean.class)
                .orElse(false);
        publishPerMinute = setting("quorum.limits.publish-per-minute", 100, benchmark ? 1_000_000 : 100);
        publishBurstPerSecond = setting("quorum.limits.publish-burst-per-second", 10, benchmark ? 100_000 : 10);
        handshakesPerAddressPerMinute =
                setting("quorum.limits.handshakes-per-address-per-minute", 120, benchmark ? 10_000_000 : 120);
        connectionsPerAddress = setting("quorum.limits.connections-per-address", 10, benchmark ? 1_000_000 : 10);
        connectionsPerMember = setting("quorum.limits.connections-per-member", 5, benchmark ? 1_000 : 5);
        abuseRefusalsPerMinute = setting("quorum.limits.abuse-refusals-per-minute", 30, 30);
    }

    private int setting(String name, int defaultValue, int benchmarkDefault) {
        Optional<Integer> explicit = config.getOptionalValue(name, Integer.class);
        return explicit.orElse(benchmark ? benchmarkDefault : defaultValue);
    }

    /**
     * 0 if the member may publish now, else exactly how many milliseconds until a publish will be accepted:
     * at most {@code publish-per-minute} in any 60 s and {@code publish-burst-per-second} in any second.
     */
    public long publish(long memberId) {
        long now = System.nanoTime();
        PublishAllowance allowance = publishers.computeIfAbsent(
                memberId,
                id -> new PublishAllowance(
                        publishPerMinute,
                        TimeUnit.MINUTES.toNanos(1),
                        publishBurstPerSecond,
                        TimeUnit.SECONDS.toNanos(1)));
        long wait = allowance.tryTake(now);
        return TimeUnit.NANOSECONDS.toMillis(wait) + (wait > 0 ? 1 : 0);
    }

    /** 0 if another handshake from the address may proceed, else how many milliseconds to wait. */
    public long handshake(String address) {
        long now = System.nanoTime();
        TokenBucket bucket = handshakes.computeIfAbsent(
                address,
                a -> new TokenBucket(
                        Math.max(1, handshakesPerAddressPerMinute / 6.0), handshakesPerAddressPerMinute / 60.0, now));
        long wait = bucket.tryTake(now);
        return TimeUnit.NANOSECONDS.toMillis(wait) + (wait > 0 ? 1 : 0);
    }

    public int connectionsPerAddress() {
        return connectionsPerAddress;
    }

    public int connectionsPerMember() {
        return connectionsPerMember;
    }

    public int abuseRefusalsPerMinute() {
        return abuseRefusalsPerMinute;
    }

    /** Forgets members and addresses whose limits remember nothing any more, so idle ones cost nothing. */
    public void forgetIdle() {
        long now = System.nanoTime();
        publishers.values().removeIf(allowance -> allowance.isIdle(now));
        handshakes.values().removeIf(bucket -> bucket.isFull(now));
    }
}
