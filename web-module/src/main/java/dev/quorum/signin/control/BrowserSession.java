package dev.quorum.signin.control;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * A browser signed in through the provider (kept in the HTTP session, never sent to the browser): who,
 * the provider's groups for them, and the ID token, which signing out hands back to the provider.
 */
public record BrowserSession(
        String organization, String subject, List<String> providerGroups, String idToken, Instant signedInAt)
        implements Serializable {

    public BrowserSession {
        providerGroups = List.copyOf(providerGroups);
    }
}
