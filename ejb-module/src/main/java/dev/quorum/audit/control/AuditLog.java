package dev.quorum.audit.control;

import dev.quorum.audit.entity.AuditEvent;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Appends to the audit trail. Each record commits on its own, whatever happens to the caller's work. */
@Stateless
public class AuditLog {

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(
            Long organizationId, String actor, String action, String target, String detailJson, String source) {
        em.persist(new AuditEvent(organizationId, actor, action, target, detailJson, source));
    }
}
