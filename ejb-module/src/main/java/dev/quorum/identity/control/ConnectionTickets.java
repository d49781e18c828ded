package dev.quorum.identity.control;

import dev.quorum.identity.entity.ConnectionTicket;
import dev.quorum.identity.entity.Member;
import dev.quorum.platform.control.Columns;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.DatabaseOutage;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.platform.control.RereadSetting;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Single-use tickets for browsers, which cannot send a token with a WebSocket handshake. Kept in
 * PostgreSQL so that a ticket issued by one node is redeemed by any node, exactly once: redeeming deletes
 * the row, and only the transaction that deleted it gets the identity.
 *
 * Redemption is one DELETE ... RETURNING, so a ticket is used at most once across every node.
 */
@Stateless
@DatabaseGuarded
public class ConnectionTickets {

    private static final Logger LOG = Logger.getLogger(ConnectionTickets.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "quorum.ticket.ttl-seconds", defaultValue = "30")
    Provider<Long> ttlSeconds;

    /** Read per ticket: reread every few seconds, not asked of Payara per issue. */
    private final RereadSetting<Long> currentTtlSeconds = new RereadSetting<>(() -> ttlSeconds.get());

    public IssuedTicket issue(MemberIdentity identity) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = Instant.now().plus(Duration.ofSeconds(currentTtlSeconds.get()));
        Member member = em.getReference(Member.class, identity.memberId());
        em.persist(new ConnectionTicket(
                hash(ticket), member, String.join(",", identity.roles()), identity.credentialExpiresAt(), expiresAt));
        return new IssuedTicket(ticket, expiresAt);
    }

    /** Consumes the ticket: a second redemption, on any node, finds nothing. */
    public MemberIdentity redeem(String ticket) {
        if (ticket == null || ticket.isBlank() || ticket.length() > 100) {
            throw new QuorumException(QuorumError.TICKET_INVALID);
        }
        List<?> rows = em.createNativeQuery("DELETE FROM connection_ticket WHERE ticket_hash = ?1 "
                        + "RETURNING member_id, roles, token_expires_at, expires_at")
                .setParameter(1, hash(ticket))
                .getResultList();
        if (rows.isEmpty()) {
            throw new QuorumException(QuorumError.TICKET_INVALID);
        }
        Object[] row = (Object[]) rows.get(0);
        Instant expiresAt = Columns.instant(row[3]);
        if (expiresAt.isBefore(Instant.now())) {
            throw new QuorumException(QuorumError.TICKET_EXPIRED);
        }
        Member member = em.find(Member.class, ((Number) row[0]).longValue());
        if (member == null) {
            throw new QuorumException(QuorumError.MEMBER_UNKNOWN);
        }
        MemberDirectory.requireActive(member);
        String roles = (String) row[1];
        return MemberDirectory.identityOf(
                member, MemberDirectory.knownRoles(Arrays.asList(roles.split(","))), Columns.instant(row[2]));
    }

    /**
     * Expired tickets are useless; remove them so the table stays small. Every node may run this. A ticket
     * is kept for a few minutes past its expiry, so that one presented late is refused as expired (which
     * tells the client to buy a new one) rather than as unknown.
     */
    @Schedule(hour = "*", minute = "*", second = "17", persistent = false)
    void purgeExpired() {
        if (DatabaseOutage.timersWait()) {
            return; // the next minute will do; a timer failing now would only log a stack trace
        }
        int removed = em.createQuery("DELETE FROM ConnectionTicket t WHERE t.expiresAt < :before")
                .setParameter("before", Instant.now().minus(Duration.ofMinutes(5)))
                .executeUpdate();
        if (removed > 0) {
            LOG.fine(() -> "Purged " + removed + " expired connection tickets");
        }
    }

    static String hash(String ticket) {
        return Secrets.digest(ticket);
    }
}
