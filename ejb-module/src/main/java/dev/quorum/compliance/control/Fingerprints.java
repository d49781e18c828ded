package dev.quorum.compliance.control;

import dev.quorum.audit.control.AuditChainKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A finding's fingerprint: an HMAC of what it matched, under the server's key, per organization and category.
 * Equal data gives an equal fingerprint, so a finding is recognised when the same data is found again; the data
 * cannot be had back from it, not even by trying every possible card or id number, without the key.
 */
@ApplicationScoped
public class Fingerprints {

    @Inject
    AuditChainKey keys;

    public String of(long organization, Screening.Finding finding) {
        return keys.chain()
                .fingerprint(organization + ":" + finding.rule().category().wireName() + ":" + finding.matched());
    }
}
