package dev.quorum.meeting.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** One item of a meeting's agenda, in its position. */
@Entity
@Table(name = "agenda_item")
public class AgendaItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "meeting_id")
    private Meeting meeting;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false)
    private String title;

    /** When the chair moved on from it; null while it is still to come or under discussion. */
    @Column(name = "closed_at")
    private Instant closedAt;

    protected AgendaItem() {}

    public AgendaItem(Meeting meeting, int position, String title) {
        this.meeting = meeting;
        this.position = position;
        this.title = title;
    }

    public Long getId() {
        return id;
    }

    public Meeting getMeeting() {
        return meeting;
    }

    public int getPosition() {
        return position;
    }

    public String getTitle() {
        return title;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public void close(Instant at) {
        if (closedAt == null) {
            closedAt = at;
        }
    }
}
