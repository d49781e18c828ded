package dev.quorum.compliance.control;

import dev.quorum.platform.control.AfterCommit;
import dev.quorum.platform.control.ContentSubmitted;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks every text before it is stored against its organization's rules, in the transaction that stores
 * it: a blocking rule refuses it (nothing stored, nothing sent), redacting rules have it stored masked.
 * Findings are recorded off the publish path, after the commit (for a refused text, at once), so they never
 * slow a publish down and never exist for text that rolled back.
 */
@ApplicationScoped
public class ComplianceScreening {

    private static final Logger LOG = Logger.getLogger(ComplianceScreening.class.getName());

    @Inject
    RuleCache rules;

    @Inject
    ScreeningContexts contexts;

    @Inject
    ComplianceFindings findings;

    @Inject
    Fingerprints fingerprints;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource
    ManagedExecutorService executor;

    void screen(@Observes ContentSubmitted content) {
        long organization = content.origin().organizationId();
        List<Rule> organizationRules = rules.rules(organization);
        ScreeningContext context =
                contexts.of(organization, content.roomId(), content.origin().actorMemberId());
        Screening screening = content.html()
                ? Screening.ofHtml(content.text(), organizationRules, context)
                : Screening.of(content.text(), organizationRules, context);
        if (screening.findings().isEmpty()) {
            return;
        }
        List<ComplianceFindings.NewFinding> found = screening.recorded().stream()
                .map(f -> new ComplianceFindings.NewFinding(
                        organization,
                        f.rule(),
                        content.source(),
                        content.roomId(),
                        content.reference(),
                        content.origin().actorMemberId(),
                        f.excerpt(),
                        fingerprints.of(organization, f)))
                .toList();
        if (screening.blockedBy() != null) {
            recordLater(found);
            throw new QuorumException(QuorumError.CONTENT_BLOCKED, refusal(screening.blockedBy()));
        }
        if (!screening.maskedText().equals(content.text())) {
            content.replaceText(screening.maskedText());
        }
        if (!found.isEmpty() && content.ahead()) {
            content.onceStored(() -> recordLater(found));
        } else if (!found.isEmpty()) {
            AfterCommit.run(transactions, () -> recordLater(found));
        }
    }

    static String refusal(Screening.Finding blockedBy) {
        Category category = blockedBy.rule().category();
        if (category == Category.INFORMATION_BARRIER) {
            return "Not sent: it would be " + blockedBy.excerpt() + ", across an information barrier your "
                    + "organization's compliance rule 'information_barrier' keeps.";
        }
        return "Not sent: it contains " + category.description() + ", which your organization's compliance rule '"
                + category.wireName() + "' does not allow here.";
    }

    private void recordLater(List<ComplianceFindings.NewFinding> found) {
        if (found.isEmpty()) {
            return;
        }
        executor.execute(() -> {
            try {
                findings.record(found);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Recording " + found.size() + " compliance findings failed: " + e);
            }
        });
    }
}
