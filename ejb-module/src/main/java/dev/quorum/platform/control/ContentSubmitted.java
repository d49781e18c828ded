package dev.quorum.platform.control;

/**
 * Text someone is about to store and send (a chat message, a broadcast, a comment, text inserted into a
 * document), fired inside the transaction before anything is written. Observers that check content may
 * refuse it (by throwing, which rolls the transaction back) or have it stored masked ({@link #replaceText}).
 */
public final class ContentSubmitted {

    private final Origin origin;
    private final String source;
    private final Long roomId;
    private final String reference;
    private final boolean html;
    private String text;

    /**
     * @param source where the text goes: {@code chat}, {@code direct}, {@code broadcast}, {@code comment} or
     *     {@code document}
     * @param reference what it belongs to, for a finding (e.g. {@code document:7}), or null
     */
    public ContentSubmitted(Origin origin, String source, Long roomId, String reference, String text) {
        this(origin, source, roomId, reference, text, false);
    }

    /** @param html whether the text is sanitized HTML (chat): checked as its reader sees it */
    public ContentSubmitted(Origin origin, String source, Long roomId, String reference, String text, boolean html) {
        this.html = html;
        this.origin = origin;
        this.source = source;
        this.roomId = roomId;
        this.reference = reference;
        this.text = text;
    }

    public Origin origin() {
        return origin;
    }

    public String source() {
        return source;
    }

    public Long roomId() {
        return roomId;
    }

    public String reference() {
        return reference;
    }

    public boolean html() {
        return html;
    }

    public String text() {
        return text;
    }

    /** The text to store and send instead (the same text with parts masked). */
    public void replaceText(String masked) {
        this.text = masked;
    }
}
