package dev.quorum.identity.control;

import dev.quorum.platform.control.DatabaseGuarded;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;

/**
 * Secrets Quorum generates once and every node of a cluster shares, kept in the database: the first node
 * that asks for one writes it, every later ask (on any node) reads the same.
 */
@Stateless
@DatabaseGuarded
public class SigningSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    /** The secret of this name (256 random bits), created on first use. */
    public byte[] secret(String name) {
        byte[] candidate = new byte[32];
        RANDOM.nextBytes(candidate);
        // two nodes starting together both insert: one wins, both read the winner's
        em.createNativeQuery("INSERT INTO signing_secret (name, secret) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING")
                .setParameter(1, name)
                .setParameter(2, candidate)
                .executeUpdate();
        return (byte[]) em.createNativeQuery("SELECT secret FROM signing_secret WHERE name = ?1")
                .setParameter(1, name)
                .getSingleResult();
    }
}
