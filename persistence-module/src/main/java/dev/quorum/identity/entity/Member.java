package dev.quorum.identity.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/** A person of one organization, known to tokens by (organization slug, subject). */
@Entity
@Table(name = "member")
@NamedQuery(
        name = Member.BY_ORGANIZATION_AND_SUBJECT,
        query =
                "SELECT m FROM Member m JOIN FETCH m.organization o WHERE o.slug = :organization AND m.subject = :subject")
@NamedQuery(
        name = Member.ACTIVE_OF_ORGANIZATION,
        query =
                "SELECT m FROM Member m WHERE m.organization.slug = :organization AND m.active = TRUE ORDER BY m.displayName")
public class Member {

    public static final String BY_ORGANIZATION_AND_SUBJECT = "Member.byOrganizationAndSubject";

    /** A member's {@link MemberStanding}, by organization slug and subject. */
    public static final String STANDING_BY_ORGANIZATION_AND_SUBJECT =
            "SELECT NEW dev.quorum.identity.entity.MemberStanding(m.id, m.subject, m.displayName, m.active,"
                    + " o.id, o.slug, o.name, o.status)"
                    + " FROM Member m JOIN m.organization o WHERE o.slug = :organization AND m.subject = :subject";

    public static final String ACTIVE_OF_ORGANIZATION = "Member.activeOfOrganization";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "organization_id")
    private Organization organization;

    /** The token's {@code sub}: unique within the organization. */
    @Column(nullable = false)
    private String subject;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(nullable = false)
    private boolean active = true;

    /** An external guest (counsel, an auditor, an adviser) rather than one of the organization's own people. */
    @Column(nullable = false)
    private boolean external;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "member_role", joinColumns = @JoinColumn(name = "member_id"))
    @Column(name = "role")
    @Convert(converter = RoleConverter.class)
    private Set<Role> roles = new HashSet<>();

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    /** The identity provider's own identifier of the person (SCIM {@code externalId}). */
    @Column(name = "external_id")
    private String externalId;

    private String email;

    @Column(name = "given_name")
    private String givenName;

    @Column(name = "family_name")
    private String familyName;

    /** Deleted by the identity provider: inactive and no longer a SCIM resource, kept for the history. */
    @Column(nullable = false)
    private boolean deprovisioned;

    /** Raised by every change made over SCIM: the resource's ETag. */
    @Column(nullable = false)
    private long version = 1;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    protected Member() {}

    public Member(Organization organization, String subject, String displayName, Set<Role> roles) {
        this.organization = organization;
        this.subject = subject;
        this.displayName = displayName;
        this.roles = roles.isEmpty() ? new HashSet<>() : EnumSet.copyOf(roles);
    }

    public Long getId() {
        return id;
    }

    public Organization getOrganization() {
        return organization;
    }

    public String getSubject() {
        return subject;
    }

    public String getDisplayName() {
        return displayName;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public boolean isExternal() {
        return external;
    }

    public Set<Role> getRoles() {
        return Set.copyOf(roles);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public void setRoles(Set<Role> roles) {
        this.roles.clear();
        this.roles.addAll(roles);
    }

    public String getExternalId() {
        return externalId;
    }

    public void setExternalId(String externalId) {
        this.externalId = externalId;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getGivenName() {
        return givenName;
    }

    public void setGivenName(String givenName) {
        this.givenName = givenName;
    }

    public String getFamilyName() {
        return familyName;
    }

    public void setFamilyName(String familyName) {
        this.familyName = familyName;
    }

    public boolean isDeprovisioned() {
        return deprovisioned;
    }

    public void setDeprovisioned(boolean deprovisioned) {
        this.deprovisioned = deprovisioned;
    }

    public long getVersion() {
        return version;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** Marks a change: a new version (ETag) and modification time. */
    public void changed() {
        version++;
        updatedAt = Instant.now();
    }
}
