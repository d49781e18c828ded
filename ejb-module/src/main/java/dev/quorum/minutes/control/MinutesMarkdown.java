package dev.quorum.minutes.control;

import dev.quorum.minutes.control.MinutesRecord.Attendee;
import dev.quorum.minutes.control.MinutesRecord.Item;
import dev.quorum.minutes.control.MinutesRecord.Motion;
import dev.quorum.minutes.control.MinutesRecord.Presence;
import dev.quorum.minutes.control.MinutesRecord.QuorumChange;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The minutes as one Markdown document: heading, attendance with arrival and departure times, quorum
 * changes, each agenda item with its narrative, motions, decision minutes and roll calls, other business,
 * and the approval. What people typed (titles, names) is escaped; the narratives are Markdown on purpose.
 * Times are UTC, said so.
 */
public final class MinutesMarkdown {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern(
                    "EEEE d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private MinutesMarkdown() {}

    public static String render(MinutesRecord minutes) {
        StringBuilder md = new StringBuilder();
        var meeting = minutes.meeting();
        md.append("# Minutes — ").append(escape(meeting.title())).append("\n\n");
        md.append(meeting.isMemberMeeting() ? "Member meeting" : "Board meeting")
                .append(", scheduled for ")
                .append(DAY.format(meeting.scheduledAt()))
                .append(".  \n");
        if (meeting.startedAt() != null) {
            md.append("Opened at ").append(TIME.format(meeting.startedAt()));
            md.append(
                    meeting.endedAt() == null
                            ? "; still in session.  \n"
                            : ", adjourned at " + TIME.format(meeting.endedAt()) + ".  \n");
        } else {
            md.append("Not yet opened.  \n");
        }
        md.append("Chair: ").append(escape(meeting.chairName())).append(".\n\n");
        md.append(
                minutes.approval() == null
                        ? "**Draft — not approved.**\n\n"
                        : "Approved by " + escape(minutes.approval().approvedBy()) + " on "
                                + DAY.format(minutes.approval().approvedAt()) + ".\n\n");
        if (minutes.opening() != null && !minutes.opening().isBlank()) {
            md.append(minutes.opening().strip()).append("\n\n");
        }
        attendance(md, minutes);
        quorum(md, minutes.quorumChanges());
        int number = 0;
        for (Item item : minutes.items()) {
            number++;
            md.append("## ")
                    .append(number)
                    .append(". ")
                    .append(escape(item.item().title()))
                    .append("\n\n");
            if (item.item().closedAt() != null) {
                md.append("*Closed at ")
                        .append(TIME.format(item.item().closedAt()))
                        .append(".*\n\n");
            }
            if (item.narrative() != null && !item.narrative().isBlank()) {
                md.append(item.narrative().strip()).append("\n\n");
            }
            motions(md, item.motions());
        }
        if (!minutes.otherBusiness().isEmpty()) {
            md.append("## Other business\n\n");
            motions(md, minutes.otherBusiness());
        }
        return md.toString();
    }

    private static void attendance(StringBuilder md, MinutesRecord minutes) {
        boolean weighted = minutes.meeting().isMemberMeeting();
        md.append("## Attendance\n\n");
        md.append(
                weighted
                        ? "| Participant | Weight | Present |\n|---|---|---|\n"
                        : "| Participant | Present |\n|---|---|\n");
        for (Attendee attendee : minutes.attendance()) {
            md.append("| ").append(escape(attendee.displayName())).append(" | ");
            if (weighted) {
                md.append(attendee.weight().stripTrailingZeros().toPlainString())
                        .append(" | ");
            }
            md.append(presence(attendee.presence())).append(" |\n");
        }
        md.append('\n');
    }

    private static String presence(List<Presence> spans) {
        if (spans.isEmpty()) {
            return "absent";
        }
        StringBuilder text = new StringBuilder();
        for (Presence span : spans) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(TIME.format(span.arrived())).append(" to ");
            text.append(span.left() == null ? "the end" : TIME.format(span.left()));
        }
        return text.toString();
    }

    private static void quorum(StringBuilder md, List<QuorumChange> changes) {
        md.append("## Quorum\n\n");
        if (changes.isEmpty()) {
            md.append("The meeting was never quorate.\n\n");
            return;
        }
        for (QuorumChange change : changes) {
            md.append("- ")
                    .append(TIME.format(change.at()))
                    .append(change.met() ? ": quorum present, " : ": **quorum lost**, ")
                    .append(change.present().stripTrailingZeros().toPlainString())
                    .append(" present, ")
                    .append(change.required().stripTrailingZeros().toPlainString())
                    .append(" required (")
                    .append(change.unit())
                    .append(").\n");
        }
        md.append('\n');
    }

    private static void motions(StringBuilder md, List<Motion> motions) {
        if (motions.isEmpty()) {
            md.append("No motion.\n\n");
            return;
        }
        for (Motion entry : motions) {
            var motion = entry.motion();
            md.append("### Motion: ").append(escape(motion.title())).append("\n\n");
            if (entry.decisionMinute() != null) {
                // the decision minute as written at the close, line by line
                entry.decisionMinute()
                        .lines()
                        .skip(1) // its first line repeats the meeting's title
                        .forEach(line -> md.append(escape(line)).append("  \n"));
                md.append('\n');
                continue;
            }
            md.append("Proposed by ").append(escape(motion.proposerName()));
            if (motion.seconderName() != null) {
                md.append(", seconded by ").append(escape(motion.seconderName()));
            }
            md.append(". ")
                    .append(fate(motion.status(), motion.closedBy(), motion.closedAt()))
                    .append("\n\n");
        }
    }

    private static String fate(String status, String by, Instant at) {
        String when = at == null ? "" : " at " + TIME.format(at);
        return switch (status) {
            case "withdrawn" -> "Withdrawn by " + escape(by) + when + ".";
            case "tabled" -> "Tabled by " + escape(by) + when + "; not voted on.";
            case "lapsed" -> "Lapsed at the adjournment; not voted on.";
            case "open" -> "The vote is still open.";
            default -> "Not voted on.";
        };
    }

    /**
     * Text as itself in Markdown, within a line that starts with text of ours: no emphasis, code, link, HTML or
     * table cell made of a title or a name (block syntax needs the start of a line, which these never are).
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if ("\\`*_[]<>|~".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c == '\n' || c == '\r' ? ' ' : c);
        }
        return escaped.toString();
    }
}
