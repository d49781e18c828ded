package dev.quorum.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One thing someone did, kept for auditors: who, what, to what, from where. Never updated. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false, insertable = false, updatable = false)
    private Instant occurredAt;

    /** Null for platform-wide events. */
    @Column(name = "organization_id")
    private Long organizationId;

    @Column(nullable = false)
    private String actor;

    @Column(nullable = false)
    private String action;

    private String target;

    /** JSON text; the column is jsonb. */
    private String detail;

    @Column(name = "source_address")
    private String sourceAddress;

    protected AuditEvent() {}

    public AuditEvent(
            Long organizationId, String actor, String action, String target, String detail, String sourceAddress) {
        this.organizationId = organizationId;
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.detail = detail;
        this.sourceAddress = sourceAddress;
    }

    public Long getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public Long getOrganizationId() {
        return organizationId;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public String getDetail() {
        return detail;
    }

    public String getSourceAddress() {
        return sourceAddress;
    }
}
