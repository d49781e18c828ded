package dev.quorum.identity.entity;

/** Where an organization stands; only an active one's members sign in or stay connected. */
public enum OrganizationStatus {
    ACTIVE,
    /** Nobody of it signs in or stays connected; nothing is lost, and it can be resumed. */
    SUSPENDED,
    /** Closed for good: its history stays as retention and the audit trail require, and its slug stays taken. */
    DELETED
}
