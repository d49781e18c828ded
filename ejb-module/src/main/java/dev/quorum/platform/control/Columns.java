package dev.quorum.platform.control;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading values of native query results, whose Java types depend on the driver. */
public final class Columns {

    private Columns() {}

    public static Instant instant(Object column) {
        if (column instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (column instanceof OffsetDateTime dateTime) {
            return dateTime.toInstant();
        }
        if (column instanceof Instant instant) {
            return instant;
        }
        throw new IllegalStateException("unexpected timestamp type " + column.getClass());
    }
}
