package dev.quorum.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A single-use credential a browser exchanges its token for, because browsers cannot set an
 * Authorization header on a WebSocket handshake. Only a hash of the ticket is stored.
 */
@Entity
@Table(name = "connection_ticket")
public class ConnectionTicket {

    @Id
    @Column(name = "ticket_hash")
    private String ticketHash;

    @ManyToOne(optional = false)
    @JoinColumn(name = "member_id")
    private Member member;

    /** The roles of the token the ticket was issued for, comma separated. */
    @Column(nullable = false)
    private String roles;

    @Column(name = "token_expires_at", nullable = false)
    private Instant tokenExpiresAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected ConnectionTicket() {}

    public ConnectionTicket(String ticketHash, Member member, String roles, Instant tokenExpiresAt, Instant expiresAt) {
        this.ticketHash = ticketHash;
        this.member = member;
        this.roles = roles;
        this.tokenExpiresAt = tokenExpiresAt;
        this.expiresAt = expiresAt;
    }

    public String getTicketHash() {
        return ticketHash;
    }

    public Member getMember() {
        return member;
    }

    public String getRoles() {
        return roles;
    }

    public Instant getTokenExpiresAt() {
        return tokenExpiresAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
