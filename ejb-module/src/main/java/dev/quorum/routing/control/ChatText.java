package dev.quorum.routing.control;

import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * The text of a chat message: basic formatting and links survive, everything else (scripts, event
 * handlers, styles, frames) is removed by the OWASP sanitizer before the text is stored or sent.
 */
public final class ChatText {

    public static final int MAX_LENGTH = 10_000;

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.LINKS);

    private ChatText() {}

    public static String sanitize(String text) {
        return POLICY.sanitize(text);
    }
}
