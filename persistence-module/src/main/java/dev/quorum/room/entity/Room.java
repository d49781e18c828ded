package dev.quorum.room.entity;

import dev.quorum.identity.entity.Organization;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** A place messages are published to; it belongs to one organization and never crosses it. */
@Entity
@Table(name = "room")
public class Room {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "organization_id")
    private Organization organization;

    /**
     * The same column as {@link #organization}, read with the room: whether a room belongs to the caller's
     * organization is asked on every join, and the lazy organization would cost a second query.
     */
    @Column(name = "organization_id", insertable = false, updatable = false)
    private long organizationId;

    @Column(nullable = false)
    @Convert(converter = RoomKindConverter.class)
    private RoomKind kind;

    @Column(nullable = false)
    private String name;

    @Column(name = "access_rule", nullable = false)
    @Convert(converter = AccessRuleConverter.class)
    private AccessRule accessRule;

    /** With {@link AccessRule#ROLES}: the role names that may join, comma separated. */
    @Column(name = "access_roles")
    private String accessRoles;

    /** The sequence number of the room's newest message; the next one is this plus one. */
    @Column(name = "last_sequence", nullable = false)
    private long lastSequence;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    protected Room() {}

    public Room(Organization organization, RoomKind kind, String name, AccessRule accessRule, String accessRoles) {
        this.organization = organization;
        // an organization created in the same transaction may not have its id yet: the row gives it on reading
        this.organizationId = organization.getId() == null ? 0 : organization.getId();
        this.kind = kind;
        this.name = name;
        this.accessRule = accessRule;
        this.accessRoles = accessRoles;
    }

    public Long getId() {
        return id;
    }

    public Organization getOrganization() {
        return organization;
    }

    public long getOrganizationId() {
        return organizationId;
    }

    public RoomKind getKind() {
        return kind;
    }

    public String getName() {
        return name;
    }

    public AccessRule getAccessRule() {
        return accessRule;
    }

    public String getAccessRoles() {
        return accessRoles;
    }

    public long getLastSequence() {
        return lastSequence;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
