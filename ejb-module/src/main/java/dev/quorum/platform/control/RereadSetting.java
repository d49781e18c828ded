package dev.quorum.platform.control;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A setting that changes at run time, read again at most every few seconds instead of on every use. A read
 * asks each of Payara's config sources in turn; its JNDI source answers a name it does not hold by throwing
 * (and catching) a {@code NameNotFoundException} on threads without a component context, which made a
 * setting read per dropped connection cost a stack trace each (issue 16). An administrator's change still
 * applies within the interval (plus Payara's own config cache), as the README promises.
 */
public final class RereadSetting<T> {

    /** How long a value read stays in use. */
    public static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Supplier<T> source;
    private final LongSupplier clock;
    private volatile Read<T> last;

    private record Read<T>(T value, long atNanos) {}

    public RereadSetting(Supplier<T> source) {
        this(source, System::nanoTime);
    }

    RereadSetting(Supplier<T> source, LongSupplier clock) {
        this.source = source;
        this.clock = clock;
    }

    /** The value in force: the last one read, unless that is older than the interval. */
    public T get() {
        long now = clock.getAsLong();
        Read<T> read = last;
        if (read == null || now - read.atNanos() > INTERVAL_NANOS) {
            // two threads may both read at the turn of an interval; both get a current value
            read = new Read<>(source.get(), now);
            last = read;
        }
        return read.value();
    }
}
