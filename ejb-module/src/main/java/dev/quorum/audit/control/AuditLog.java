package dev.quorum.audit.control;

import dev.quorum.audit.entity.AuditEvent;
import dev.quorum.platform.control.DatabaseGuarded;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Appends to the audit trail, in the caller's transaction: a change and its record commit together or
 * not at all. Called without a transaction (a refusal worth recording), the record commits on its own.
 */
@Stateless
@DatabaseGuarded
public class AuditLog {

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    public void record(
            Long organizationId, String actor, String action, String target, String detailJson, String source) {
        em.persist(new AuditEvent(organizationId, actor, action, target, detailJson, source));
    }
}
