package dev.quorum.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The credential an organization's identity provider presents to Quorum's SCIM API. Only a digest of
 * its secret is stored; the secret itself is shown once, when the platform's operator issues it.
 */
@Entity
@Table(name = "provisioning_token")
@NamedQuery(
        name = ProvisioningToken.BY_DIGEST,
        query = "SELECT t FROM ProvisioningToken t JOIN FETCH t.organization WHERE t.secretDigest = :digest")
@NamedQuery(
        name = ProvisioningToken.OF_ORGANIZATION,
        query = "SELECT t FROM ProvisioningToken t WHERE t.organization.id = :organization ORDER BY t.id")
public class ProvisioningToken {

    public static final String BY_DIGEST = "ProvisioningToken.byDigest";
    public static final String OF_ORGANIZATION = "ProvisioningToken.ofOrganization";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "organization_id")
    private Organization organization;

    /** What it is for, in the operator's words ("Entra ID production"). */
    @Column(nullable = false)
    private String label;

    @Column(name = "secret_digest", nullable = false)
    private String secretDigest;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected ProvisioningToken() {}

    public ProvisioningToken(Organization organization, String label, String secretDigest, String createdBy) {
        this.organization = organization;
        this.label = label;
        this.secretDigest = secretDigest;
        this.createdBy = createdBy;
    }

    public Long getId() {
        return id;
    }

    public Organization getOrganization() {
        return organization;
    }

    public String getLabel() {
        return label;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public void revoke() {
        if (revokedAt == null) {
            revokedAt = Instant.now();
        }
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public void setLastUsedAt(Instant lastUsedAt) {
        this.lastUsedAt = lastUsedAt;
    }
}
