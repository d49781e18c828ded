package dev.quorum.meeting.control;

import dev.quorum.meeting.control.Motions.NewMotion;
import dev.quorum.platform.control.Fields;

/** The meeting messages of the protocol, one record each, decoded and validated at the edge. */
public sealed interface MeetingCommand {

    record State(long meeting) implements MeetingCommand {
        public static State decode(Fields fields) {
            return new State(fields.id("meeting"));
        }
    }

    /** {@code meeting.start} or {@code meeting.adjourn}, by the meeting's chair. */
    record Session(long meeting) implements MeetingCommand {
        public static Session decode(Fields fields) {
            return new Session(fields.id("meeting"));
        }
    }

    /** {@code meeting.agenda.close}: the chair moves on from an agenda item. */
    record CloseAgendaItem(long item) implements MeetingCommand {
        public static CloseAgendaItem decode(Fields fields) {
            return new CloseAgendaItem(fields.id("item"));
        }
    }

    /** {@code motion.withdraw}, {@code motion.table} or {@code motion.resume}. */
    record SetAside(long motion) implements MeetingCommand {
        public static SetAside decode(Fields fields) {
            return new SetAside(fields.id("motion"));
        }
    }

    /** {@code motion.extend}: more time for a timed vote. */
    record Extend(long motion, int seconds) implements MeetingCommand {
        public static Extend decode(Fields fields) {
            return new Extend(fields.id("motion"), (int) Math.min(Integer.MAX_VALUE, fields.id("seconds")));
        }
    }

    /** {@code meeting.checkin} (present) or {@code meeting.checkout}. */
    record Attend(long meeting, boolean present) implements MeetingCommand {
        public static Attend checkIn(Fields fields) {
            return new Attend(fields.id("meeting"), true);
        }

        public static Attend checkOut(Fields fields) {
            return new Attend(fields.id("meeting"), false);
        }
    }

    record Propose(long meeting, NewMotion motion) implements MeetingCommand {
        public static Propose decode(Fields fields) {
            Long votingSeconds = fields.optionalId("votingSeconds");
            return new Propose(
                    fields.id("meeting"),
                    new NewMotion(
                            fields.text("title", 500),
                            fields.optionalText("body", 10_000),
                            fields.optionalId("agendaItem"),
                            fields.optionalStrings("options", 200),
                            fields.optionalText("threshold", 20),
                            fields.optionalFlag("abstentionsCount"),
                            fields.optionalText("ballot", 20),
                            fields.optionalFlag("runningResults"),
                            votingSeconds == null ? null : (int) Math.min(Integer.MAX_VALUE, votingSeconds)));
        }
    }

    /** The body of {@code POST /api/meetings/{meeting}/proxies}: a standing or a per-motion proxy. */
    record GrantProxy(String holder, Long motion, String choice) implements MeetingCommand {
        public static GrantProxy decode(Fields fields) {
            return new GrantProxy(
                    fields.text("holder", 200), fields.optionalId("motion"), fields.optionalText("choice", 200));
        }
    }

    record Second(long motion) implements MeetingCommand {
        public static Second decode(Fields fields) {
            return new Second(fields.id("motion"));
        }
    }

    record Open(long motion) implements MeetingCommand {
        public static Open decode(Fields fields) {
            return new Open(fields.id("motion"));
        }
    }

    record Close(long motion) implements MeetingCommand {
        public static Close decode(Fields fields) {
            return new Close(fields.id("motion"));
        }
    }

    /** A vote for oneself, or {@code onBehalfOf} a delegator (proxy) or a director (assisted). */
    record Vote(long motion, String choice, String onBehalfOf) implements MeetingCommand {
        public static Vote decode(Fields fields) {
            return new Vote(fields.id("motion"), fields.text("choice", 200), fields.optionalText("onBehalfOf", 200));
        }
    }

    record VerifyVote(long motion, String receipt) implements MeetingCommand {
        public static VerifyVote decode(Fields fields) {
            return new VerifyVote(fields.id("motion"), fields.text("receipt", 64));
        }
    }
}
