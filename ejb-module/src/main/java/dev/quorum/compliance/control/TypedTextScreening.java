package dev.quorum.compliance.control;

import dev.quorum.document.control.DocumentTexts;
import dev.quorum.platform.control.DatabaseGuarded;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Screens a document's whole current text after typing, recording what is new as flagged (see TypedText). */
@Stateless
@DatabaseGuarded
public class TypedTextScreening {

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    RuleCache rules;

    @Inject
    ScreeningContexts contexts;

    @Inject
    ComplianceFindings findings;

    @Inject
    Fingerprints fingerprints;

    @Inject
    DocumentTexts texts;

    public void screen(long document, long organization, long typist) {
        List<?> rows = em.createNativeQuery(
                        "SELECT content, room_id FROM document WHERE id = ?1 AND organization_id = ?2")
                .setParameter(1, document)
                .setParameter(2, organization)
                .getResultList();
        if (rows.isEmpty()) {
            return; // deleted meanwhile
        }
        Object[] row = (Object[]) rows.get(0);
        long room = ((Number) row[1]).longValue();
        String reference = "document:" + document;
        Screening screened =
                Screening.of((String) row[0], rules.rules(organization), contexts.of(organization, room, typist));
        List<ComplianceFindings.NewFinding> found = screened.recorded().stream()
                .map(f -> new ComplianceFindings.NewFinding(
                        organization,
                        flagged(f.rule()),
                        "document",
                        room,
                        reference,
                        typist,
                        f.excerpt(),
                        fingerprints.of(organization, f)))
                .filter(f -> !alreadyFound(organization, reference, f.fingerprint()))
                .distinct()
                .toList();
        if (!found.isEmpty()) {
            findings.record(found);
        }
    }

    /** What was done about typed text: it was let through, whatever the rule would have done to a paste. */
    private static Rule flagged(Rule rule) {
        return new Rule(
                rule.category(), rule.enabled(), rule.severity(), RuleAction.FLAG, rule.parameters(), rule.version());
    }

    /** The same data found before in the same document (pasted, or typed and screened already). */
    private boolean alreadyFound(long organization, String reference, String fingerprint) {
        return !em.createNativeQuery("SELECT 1 FROM compliance_finding WHERE organization_id = ?1 AND reference = ?2 "
                        + "AND fingerprint = ?3 LIMIT 1")
                .setParameter(1, organization)
                .setParameter(2, reference)
                .setParameter(3, fingerprint)
                .getResultList()
                .isEmpty();
    }
}
