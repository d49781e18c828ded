package dev.quorum.connection.control;

/**
 * Joins the parts of one text frame and enforces the protocol's size limit without closing the
 * connection: an oversized frame is read to its end, discarded and reported, and the next frame is
 * handled normally. Not thread-safe; one per connection (the container delivers a session's parts in
 * order).
 */
public final class FrameAssembler {

    /** What a complete frame came to. */
    public sealed interface Result permits Complete, Oversized, Incomplete {}

    public record Complete(String text) implements Result {}

    public record Oversized(long bytes) implements Result {}

    public record Incomplete() implements Result {}

    private static final Incomplete INCOMPLETE = new Incomplete();

    private final int maxBytes;
    private final StringBuilder buffer = new StringBuilder();
    private long bytes;
    private boolean oversized;

    public FrameAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public Result accept(String part, boolean last) {
        bytes += utf8Length(part);
        if (bytes > maxBytes) {
            oversized = true;
            buffer.setLength(0);
        } else {
            buffer.append(part);
        }
        if (!last) {
            return INCOMPLETE;
        }
        Result result = oversized ? new Oversized(bytes) : new Complete(buffer.toString());
        buffer.setLength(0);
        bytes = 0;
        oversized = false;
        return result;
    }

    static long utf8Length(CharSequence text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
