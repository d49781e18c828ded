package dev.quorum.minutes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quorum.meeting.control.Meetings.AgendaItem;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.meeting.control.Motions.MotionView;
import dev.quorum.minutes.control.MinutesRecord.Approval;
import dev.quorum.minutes.control.MinutesRecord.Attendee;
import dev.quorum.minutes.control.MinutesRecord.Item;
import dev.quorum.minutes.control.MinutesRecord.Motion;
import dev.quorum.minutes.control.MinutesRecord.Presence;
import dev.quorum.minutes.control.MinutesRecord.QuorumChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinutesMarkdownTest {

    private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");

    private static MeetingRef meeting(String kind) {
        return new MeetingRef(
                7,
                1,
                70,
                kind,
                "Board *of* [directors]",
                "adjourned",
                "majority_of_seats",
                BigDecimal.ZERO,
                NINE,
                "dave",
                "Dave Dalton",
                NINE.plusSeconds(120),
                NINE.plusSeconds(3600));
    }

    private static MotionView motion(long id, Long item, String title, String status, String closedBy) {
        return new MotionView(
                id,
                7,
                item,
                title,
                "",
                List.of("for", "against", "abstain"),
                "majority",
                false,
                "named",
                true,
                status,
                "alice",
                "Alice Archer",
                null,
                null,
                null,
                null,
                null,
                NINE.plusSeconds(600),
                closedBy,
                null);
    }

    @Test
    void aDraftListsAttendanceQuorumItemsAndTheirMotions() {
        MinutesRecord record = new MinutesRecord(
                meeting("board"),
                List.of(
                        new Attendee(
                                "alice",
                                "Alice Archer",
                                BigDecimal.ONE,
                                List.of(
                                        new Presence(NINE.plusSeconds(60), NINE.plusSeconds(900)),
                                        new Presence(NINE.plusSeconds(1200), NINE.plusSeconds(3600)))),
                        new Attendee("bob", "Bob | Baker", BigDecimal.ONE, List.of())),
                List.of(
                        new QuorumChange(
                                NINE.plusSeconds(60), true, BigDecimal.valueOf(2), BigDecimal.valueOf(2), "seats"),
                        new QuorumChange(NINE.plusSeconds(900), false, BigDecimal.ONE, BigDecimal.valueOf(2), "seats")),
                "The chair welcomed the board.",
                List.of(new Item(
                        new AgendaItem(11, 1, "Accounts", NINE.plusSeconds(1800)),
                        "The treasurer *presented* the accounts.",
                        List.of(
                                new Motion(
                                        motion(21, 11L, "Approve the accounts", "closed", "chair Dave Dalton"),
                                        "Decision minute — Board\nMotion 21: Approve the accounts\nOutcome: CARRIED."),
                                new Motion(
                                        motion(22, 11L, "Buy back shares", "withdrawn", "proposer Alice Archer"),
                                        null)))),
                List.of(new Motion(motion(23, null, "Audit <script>", "lapsed", "adjournment"), null)),
                null);

        String md = MinutesMarkdown.render(record);

        assertTrue(md.startsWith("# Minutes — Board \\*of\\* \\[directors\\]\n"), md);
        assertTrue(md.contains("**Draft — not approved.**"), md);
        assertTrue(md.contains("Chair: Dave Dalton."), md);
        assertTrue(md.contains("| Alice Archer | 09:01 UTC to 09:15 UTC; 09:20 UTC to 10:00 UTC |"), md);
        assertTrue(md.contains("| Bob \\| Baker | absent |"), "a name cannot split a table cell: " + md);
        assertTrue(md.contains("- 09:15 UTC: **quorum lost**, 1 present, 2 required (seats)."), md);
        assertTrue(md.contains("The chair welcomed the board."), md);
        assertTrue(
                md.contains("## 1. Accounts\n\n*Closed at 09:30 UTC.*\n\nThe treasurer *presented* the accounts."), md);
        assertTrue(md.contains("Motion 21: Approve the accounts  \nOutcome: CARRIED.  \n"), md);
        assertFalse(md.contains("Decision minute — Board"), "the decision minute's first line repeats the title");
        assertTrue(md.contains("Withdrawn by proposer Alice Archer at 09:10 UTC."), md);
        assertTrue(md.contains("## Other business\n\n### Motion: Audit \\<script\\>"), md);
        assertTrue(md.contains("Lapsed at the adjournment; not voted on."), md);
    }

    @Test
    void approvedMinutesSayByWhomAndMemberMeetingsShowWeights() {
        MinutesRecord record = new MinutesRecord(
                meeting("member"),
                List.of(new Attendee("alice", "Alice Archer", new BigDecimal("600.000"), List.of())),
                List.of(),
                null,
                List.of(),
                List.of(),
                new Approval("Carol Chen", NINE.plusSeconds(7200)));
        String md = MinutesMarkdown.render(record);
        assertTrue(md.contains("Approved by Carol Chen on Tuesday 1 December 2026, 11:00 UTC."), md);
        assertFalse(md.contains("Draft"), md);
        assertTrue(md.contains("| Alice Archer | 600 | absent |"), md);
        assertTrue(md.contains("The meeting was never quorate."), md);
        assertEquals(-1, md.indexOf("## Other business"));
    }
}
