package dev.quorum.integration.control;

import dev.quorum.admin.control.AdminAction;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.Columns;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Origin;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An organization's integrations: issued by its admin (the secret shown once), listed, revoked (the broker
 * refuses new connections within seconds). Each connects to the broker as {@code <organization>.<name>}.
 */
@Stateless
@DatabaseGuarded
public class Integrations {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    Event<AdminAction> actions;

    /** A new integration's credentials: the secret is not stored, only shown now. */
    public record Issued(Integration integration, String password) {}

    public Issued issue(MemberIdentity admin, String name, String source) {
        if (!NAME.matcher(name).matches()) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE,
                    "name is 1 to 40 lower-case letters, digits and dashes, starting with a letter or digit.");
        }
        String username = admin.organization() + "." + name;
        if (!em.createNativeQuery("SELECT 1 FROM integration WHERE organization_id = ?1 AND name = ?2")
                .setParameter(1, admin.organizationId())
                .setParameter(2, name)
                .getResultList()
                .isEmpty()) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "An integration named '" + name + "' exists already.");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        em.createNativeQuery("INSERT INTO integration (organization_id, name, username, secret_hash, created_by) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, admin.organizationId())
                .setParameter(2, name)
                .setParameter(3, username)
                .setParameter(4, digest(password))
                .setParameter(5, admin.memberId())
                .executeUpdate();
        actions.fire(
                new AdminAction(Origin.of(admin, source), "integration.issue", "integration:" + username, Map.of()));
        return new Issued(byUsername(username).orElseThrow(), password);
    }

    @SuppressWarnings("unchecked")
    public List<Integration> list(MemberIdentity admin) {
        List<Object[]> rows = em.createNativeQuery(SELECT + " WHERE i.organization_id = ?1 ORDER BY i.name")
                .setParameter(1, admin.organizationId())
                .getResultList();
        return rows.stream().map(Integrations::integration).toList();
    }

    public Integration revoke(MemberIdentity admin, String name, String source) {
        int revoked = em.createNativeQuery("UPDATE integration SET active = FALSE, revoked_at = now() "
                        + "WHERE organization_id = ?1 AND name = ?2 AND active")
                .setParameter(1, admin.organizationId())
                .setParameter(2, name)
                .executeUpdate();
        if (revoked == 0) {
            throw new QuorumException(
                    QuorumError.NOT_FOUND, "No active integration of that name in your organization.");
        }
        String username = admin.organization() + "." + name;
        actions.fire(
                new AdminAction(Origin.of(admin, source), "integration.revoke", "integration:" + username, Map.of()));
        return byUsername(username).orElseThrow();
    }

    /** The integration a broker user is (the JMSXUserID the broker stamped on its messages). */
    public Optional<Integration> byUsername(String username) {
        List<?> rows = em.createNativeQuery(SELECT + " WHERE i.username = ?1")
                .setParameter(1, username)
                .getResultList();
        return rows.stream().map(row -> integration((Object[]) row)).findFirst();
    }

    private static final String SELECT = "SELECT i.id, i.organization_id, o.slug, i.name, i.username, i.active, "
            + "i.created_at FROM integration i JOIN organization o ON o.id = i.organization_id";

    private static Integration integration(Object[] row) {
        return new Integration(
                ((Number) row[0]).longValue(),
                ((Number) row[1]).longValue(),
                (String) row[2],
                (String) row[3],
                (String) row[4],
                (Boolean) row[5],
                Columns.instant(row[6]));
    }

    /** As the broker plugin compares it: the hex SHA-256 of the secret. */
    static String digest(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
