package dev.quorum.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Integrations' credentials, as Quorum stores them: the SHA-256 of a 256-bit random secret (no slow hash is
 * needed for a secret nobody chose). Answers are kept 5 s, so a connection storm does not become a query
 * storm, and a revoked credential stops working within seconds.
 */
final class Credentials {

    private static final long CACHE_NANOS = 5_000_000_000L;

    private record Cached(Optional<String> organization, long at) {}

    private final String url;
    private final String user;
    private final String password;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    Credentials(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The slug of the organization whose active integration this is; empty when the pair is not one. */
    Optional<String> organizationOf(String username, String secret) throws SQLException {
        String key = username + "\n" + digest(secret);
        Cached cached = cache.get(key);
        long now = System.nanoTime();
        if (cached != null && now - cached.at() < CACHE_NANOS) {
            return cached.organization();
        }
        Optional<String> organization;
        try (Connection db = DriverManager.getConnection(url, user, password);
                PreparedStatement query = db.prepareStatement("SELECT o.slug FROM integration i JOIN organization o "
                        + "ON o.id = i.organization_id WHERE i.username = ? AND i.secret_hash = ? AND i.active")) {
            query.setString(1, username);
            query.setString(2, digest(secret));
            try (ResultSet rows = query.executeQuery()) {
                organization = rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(key, new Cached(organization, now));
        return organization;
    }

    static String digest(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
