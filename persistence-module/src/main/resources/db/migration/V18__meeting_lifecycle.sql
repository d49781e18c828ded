-- The meeting's lifecycle and its chair, motions set aside, agenda items closed.

-- The meeting's chair: a participant chosen at scheduling. Meetings scheduled before had none: the first
-- participant holding the chair role, else whoever scheduled it, chairs them.
ALTER TABLE meeting ADD COLUMN chair_id BIGINT REFERENCES member (id);
UPDATE meeting m SET chair_id = COALESCE(
    (SELECT p.member_id FROM meeting_participant p JOIN member_role r ON r.member_id = p.member_id
     WHERE p.meeting_id = m.id AND r.role = 'chair' ORDER BY p.member_id LIMIT 1),
    m.created_by);
ALTER TABLE meeting ALTER COLUMN chair_id SET NOT NULL;

-- scheduled → in_session (started_at) → adjourned (ended_at)
ALTER TABLE meeting ADD COLUMN started_at TIMESTAMPTZ;
ALTER TABLE meeting ADD COLUMN ended_at TIMESTAMPTZ;
ALTER TABLE meeting ADD CONSTRAINT meeting_status_times CHECK (
    (status = 'scheduled' AND started_at IS NULL AND ended_at IS NULL)
    OR (status = 'in_session' AND started_at IS NOT NULL AND ended_at IS NULL)
    OR (status = 'adjourned' AND started_at IS NOT NULL AND ended_at IS NOT NULL));

-- Before its vote opens a motion may be withdrawn (by its proposer or the chair) or tabled (by the chair,
-- and taken up again later); a motion still pending when the meeting adjourns lapses. closed_at and
-- closed_by say when and by whom a motion left the floor, whichever way.
ALTER TABLE motion DROP CONSTRAINT motion_status_check;
ALTER TABLE motion ADD CONSTRAINT motion_status_check
    CHECK (status IN ('proposed', 'seconded', 'open', 'closed', 'withdrawn', 'tabled', 'lapsed'));

-- The chair closes agenda items as the meeting moves on; the minutes narrate each.
ALTER TABLE agenda_item ADD COLUMN closed_at TIMESTAMPTZ;
