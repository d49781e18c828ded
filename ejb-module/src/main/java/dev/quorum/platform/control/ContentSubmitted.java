package dev.quorum.platform.control;

/**
 * Text someone is about to store and send (a chat message, a broadcast, a comment, text inserted into a
 * document), fired inside the transaction before anything is written. Observers that check content may
 * refuse it (by throwing, which rolls the transaction back) or have it stored masked ({@link #replaceText}).
 * A {@linkplain #ahead() checked ahead} text is checked before its transaction begins (chat, so that a room's
 * batch is not checked one message after the other): what an observer does once it is stored is handed to
 * {@link #onceStored} for the storing transaction to run after its commit.
 */
public final class ContentSubmitted {

    private final Origin origin;
    private final String source;
    private final Long roomId;
    private final String reference;
    private final boolean html;
    private String text;
    private boolean ahead;
    private final java.util.List<Runnable> onceStored = new java.util.ArrayList<>();

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

    /** The same content, to be checked before the transaction that stores it. */
    public ContentSubmitted checkedAhead() {
        this.ahead = true;
        return this;
    }

    public boolean ahead() {
        return ahead;
    }

    /** For content checked ahead: what to run once the transaction that stores it has committed. */
    public void onceStored(Runnable action) {
        onceStored.add(action);
    }

    public java.util.List<Runnable> whatRunsOnceStored() {
        return java.util.List.copyOf(onceStored);
    }

    /** The text to store and send instead (the same text with parts masked). */
    public void replaceText(String masked) {
        this.text = masked;
    }
}
