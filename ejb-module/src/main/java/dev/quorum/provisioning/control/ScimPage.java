package dev.quorum.provisioning.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;

/**
 * One page of an organization's Users or Groups as a filter selects them, with the total the filter matches:
 * {@code from} names the entity as {@code x} and selects the organization's rows, {@code condition} (or null)
 * compares one attribute with {@code :value}.
 */
record ScimPage<T>(List<T> rows, long total) {

    static <T> ScimPage<T> of(
            EntityManager em,
            Class<T> type,
            String from,
            long organization,
            String condition,
            Object value,
            int startIndex,
            int count) {
        String where = condition == null ? from : from + " AND " + condition;
        TypedQuery<Long> counting =
                em.createQuery("SELECT COUNT(x) " + where, Long.class).setParameter("organization", organization);
        TypedQuery<T> paging = em.createQuery("SELECT x " + where + " ORDER BY x.id", type)
                .setParameter("organization", organization)
                .setFirstResult(startIndex - 1)
                .setMaxResults(count);
        if (condition != null) {
            if (value == null) {
                return new ScimPage<>(List.of(), 0); // an id that is not one of this server's names nothing
            }
            counting.setParameter("value", value);
            paging.setParameter("value", value);
        }
        long total = counting.getSingleResult();
        return new ScimPage<>(count == 0 ? List.of() : paging.getResultList(), total);
    }
}
