package dev.quorum.compliance.control;

import dev.quorum.platform.control.ContentSubmitted;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Map;
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

    private static final Map<Category, String> NAMES = Map.of(
            Category.EMAIL, "an e-mail address",
            Category.PHONE, "a phone number",
            Category.PAYMENT_CARD, "a payment card number",
            Category.IBAN, "a bank account number (IBAN)",
            Category.NATIONAL_ID, "a national identification number");

    @Inject
    RuleCache rules;

    @Inject
    ComplianceFindings findings;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource
    ManagedExecutorService executor;

    void screen(@Observes ContentSubmitted content) {
        long organization = content.origin().organizationId();
        List<Rule> organizationRules = rules.rules(organization);
        Screening screening = content.html()
                ? Screening.ofHtml(content.text(), organizationRules)
                : Screening.of(content.text(), organizationRules);
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
                        f.excerpt()))
                .toList();
        if (screening.blockedBy() != null) {
            recordLater(found);
            Category category = screening.blockedBy().rule().category();
            throw new QuorumException(
                    QuorumError.CONTENT_BLOCKED,
                    "Not sent: it contains " + NAMES.get(category) + ", which your organization's compliance rule '"
                            + category.wireName() + "' does not allow here.");
        }
        if (!screening.maskedText().equals(content.text())) {
            content.replaceText(screening.maskedText());
        }
        if (!found.isEmpty()) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        recordLater(found);
                    }
                }
            });
        }
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
