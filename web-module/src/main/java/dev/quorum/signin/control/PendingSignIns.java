package dev.quorum.signin.control;

import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sign-ins a browser has under way (one per tab that started one), in its HTTP session by their
 * {@code state}: each is taken once, expires after ten minutes, and at most eight are kept.
 */
public final class PendingSignIns {

    static final String ATTRIBUTE = "quorum.oidc.pending";
    static final Duration EXPIRY = Duration.ofMinutes(10);
    static final int MAX_PENDING = 8;

    private PendingSignIns() {}

    public static void add(HttpSession session, PendingSignIn pending) {
        synchronized (session) {
            LinkedHashMap<String, PendingSignIn> all = pendingOf(session);
            all.put(pending.state(), pending);
            while (all.size() > MAX_PENDING) {
                all.remove(all.keySet().iterator().next());
            }
            session.setAttribute(ATTRIBUTE, all);
        }
    }

    /** The sign-in this state belongs to, removed; none if unknown, already taken or expired. */
    public static Optional<PendingSignIn> take(HttpSession session, String state, Instant now) {
        if (state == null) {
            return Optional.empty();
        }
        synchronized (session) {
            LinkedHashMap<String, PendingSignIn> all = pendingOf(session);
            PendingSignIn pending = all.remove(state);
            session.setAttribute(ATTRIBUTE, all);
            return Optional.ofNullable(pending)
                    .filter(p -> p.startedAt().plus(EXPIRY).isAfter(now));
        }
    }

    @SuppressWarnings("unchecked")
    private static LinkedHashMap<String, PendingSignIn> pendingOf(HttpSession session) {
        Object kept = session.getAttribute(ATTRIBUTE);
        return kept instanceof Map<?, ?> map
                ? new LinkedHashMap<>((Map<String, PendingSignIn>) map)
                : new LinkedHashMap<>();
    }
}
