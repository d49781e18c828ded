package dev.quorum.identity.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A group the organization's identity provider keeps in Quorum over SCIM. A group named after a Quorum
 * role grants that role to its members; see {@link #grantedRole()}.
 */
@Entity
@Table(name = "scim_group")
public class ScimGroup {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "organization_id")
    private Organization organization;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "external_id")
    private String externalId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "scim_group_member", joinColumns = @JoinColumn(name = "group_id"))
    @Column(name = "member_id")
    private Set<Long> memberIds = new HashSet<>();

    @Column(nullable = false)
    private long version = 1;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    protected ScimGroup() {}

    public ScimGroup(Organization organization, String displayName, String externalId) {
        this.organization = organization;
        this.displayName = displayName;
        this.externalId = externalId;
    }

    /**
     * The role this group grants, if its name is one of the roles an organization's members can hold,
     * written any way an identity provider tends to ("chair", "Chair", "Compliance Officer",
     * "compliance-officer"). Never {@code platform_admin}: that is the platform operator's, not an
     * organization's to give.
     */
    public Optional<Role> grantedRole() {
        return roleNamed(displayName);
    }

    /** The role a group of this name grants, if any: see {@link #grantedRole()}. */
    public static Optional<Role> roleNamed(String displayName) {
        String claim = displayName.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        return Arrays.stream(Role.values())
                .filter(role -> role != Role.PLATFORM_ADMIN && role.claim().equals(claim))
                .findFirst();
    }

    public Long getId() {
        return id;
    }

    public Organization getOrganization() {
        return organization;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getExternalId() {
        return externalId;
    }

    public void setExternalId(String externalId) {
        this.externalId = externalId;
    }

    public Set<Long> getMemberIds() {
        return Set.copyOf(memberIds);
    }

    public void setMemberIds(Set<Long> memberIds) {
        this.memberIds.clear();
        this.memberIds.addAll(memberIds);
    }

    public long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return createdAt;
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
