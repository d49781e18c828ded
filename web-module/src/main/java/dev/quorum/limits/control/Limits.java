package dev.quorum.limits.control;

import dev.quorum.platform.control.RereadSetting;
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
 * defaults; explicit settings always win. They are read again every few seconds, so they change without a restart.
 */
@ApplicationScoped
public class Limits {

    @Inject
    Config config;

    /** The limits in force, read together; replaced when a setting changed. */
    record Settings(
            int publishPerMinute,
            int publishBurstPerSecond,
            int handshakesPerAddressPerMinute,
            int connectionsPerAddress,
            int connectionsPerMember,
            int abuseRefusalsPerMinute) {}

    /** Read again at most every few seconds: an administrator's change applies within that interval. */
    private final RereadSetting<Settings> source = new RereadSetting<>(this::read);

    private volatile Settings settings;

    private final Map<Long, PublishAllowance> publishers = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> handshakes = new ConcurrentHashMap<>();

    @PostConstruct
    void configure() {
        settings = source.get();
    }

    /**
     * The settings in force, read again every few seconds: limits change at run time (asadmin
     * set-config-property, the console). A changed rate starts every member's window afresh.
     */
    Settings settings() {
        Settings fresh = source.get();
        if (!fresh.equals(settings)) {
            settings = fresh;
            publishers.clear();
            handshakes.clear();
        }
        return settings;
    }

    private Settings read() {
        boolean benchmark = config.getOptionalValue("quorum.benchmark.enabled", Boolean.class)
                .orElse(false);
        return new Settings(
                setting("quorum.limits.publish-per-minute", benchmark ? 1_000_000 : 100),
                setting("quorum.limits.publish-burst-per-second", benchmark ? 100_000 : 10),
                setting("quorum.limits.handshakes-per-address-per-minute", benchmark ? 10_000_000 : 120),
                setting("quorum.limits.connections-per-address", benchmark ? 1_000_000 : 10),
                setting("quorum.limits.connections-per-member", benchmark ? 1_000 : 5),
                setting("quorum.limits.abuse-refusals-per-minute", 30));
    }

    private int setting(String name, int defaultValue) {
        Optional<Integer> explicit = config.getOptionalValue(name, Integer.class);
        return explicit.orElse(defaultValue);
    }

    /**
     * 0 if the member may publish now, else exactly how many milliseconds until a publish will be accepted:
     * at most {@code publish-per-minute} in any 60 s and {@code publish-burst-per-second} in any second.
     */
    public long publish(long memberId) {
        Settings limits = settings();
        long now = System.nanoTime();
        PublishAllowance allowance = publishers.computeIfAbsent(
                memberId,
                id -> new PublishAllowance(
                        limits.publishPerMinute(),
                        TimeUnit.MINUTES.toNanos(1),
                        limits.publishBurstPerSecond(),
                        TimeUnit.SECONDS.toNanos(1)));
        long wait = allowance.tryTake(now);
        return TimeUnit.NANOSECONDS.toMillis(wait) + (wait > 0 ? 1 : 0);
    }

    /** 0 if another handshake from the address may proceed, else how many milliseconds to wait. */
    public long handshake(String address) {
        int perMinute = settings().handshakesPerAddressPerMinute();
        long now = System.nanoTime();
        TokenBucket bucket = handshakes.computeIfAbsent(
                address, a -> new TokenBucket(Math.max(1, perMinute / 6.0), perMinute / 60.0, now));
        long wait = bucket.tryTake(now);
        return TimeUnit.NANOSECONDS.toMillis(wait) + (wait > 0 ? 1 : 0);
    }

    public int connectionsPerAddress() {
        return settings().connectionsPerAddress();
    }

    public int connectionsPerMember() {
        return settings().connectionsPerMember();
    }

    public int abuseRefusalsPerMinute() {
        return settings().abuseRefusalsPerMinute();
    }

    /** Forgets members and addresses whose limits remember nothing any more, so idle ones cost nothing. */
    public void forgetIdle() {
        long now = System.nanoTime();
        publishers.values().removeIf(allowance -> allowance.isIdle(now));
        handshakes.values().removeIf(bucket -> bucket.isFull(now));
    }
}
