-- The minutes of a meeting: assembled from what the meeting recorded, with the secretary's narrative per
-- agenda item (agenda_item_id NULL: the minutes' opening), approved once and then locked.

CREATE TABLE minutes_narrative (
    id             BIGSERIAL   PRIMARY KEY,
    meeting_id     BIGINT      NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    agenda_item_id BIGINT      REFERENCES agenda_item (id) ON DELETE CASCADE,
    -- sealed in a confidential meeting ('sealed:<key>:<base64>'), else the text itself
    text           TEXT        NOT NULL CHECK (text LIKE 'sealed:%' OR length(text) <= 20000),
    written_by     BIGINT      NOT NULL REFERENCES member (id),
    written_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX minutes_narrative_item ON minutes_narrative (meeting_id, agenda_item_id)
    WHERE agenda_item_id IS NOT NULL;
CREATE UNIQUE INDEX minutes_narrative_opening ON minutes_narrative (meeting_id) WHERE agenda_item_id IS NULL;

-- Approved minutes: the document of record as it was approved (Markdown), sealed in a confidential meeting.
CREATE TABLE meeting_minutes (
    meeting_id  BIGINT      PRIMARY KEY REFERENCES meeting (id),
    markdown    TEXT        NOT NULL,
    approved_by BIGINT      NOT NULL REFERENCES member (id),
    approved_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Approved minutes are locked: never deleted, and changed only by re-sealing under a newer key (a sealed text
-- replaced by a sealed text); their narratives no longer change at all, except by the same re-sealing.
CREATE FUNCTION meeting_minutes_locked() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.markdown LIKE 'sealed:%' AND NEW.markdown LIKE 'sealed:%'
            AND NEW.meeting_id = OLD.meeting_id AND NEW.approved_by = OLD.approved_by
            AND NEW.approved_at = OLD.approved_at THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'approved minutes are locked against edits';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER meeting_minutes_no_change BEFORE UPDATE OR DELETE ON meeting_minutes
    FOR EACH ROW EXECUTE FUNCTION meeting_minutes_locked();

CREATE FUNCTION minutes_narrative_locked() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM meeting_minutes WHERE meeting_id = COALESCE(NEW.meeting_id, OLD.meeting_id)) THEN
        IF TG_OP = 'UPDATE' AND OLD.text LIKE 'sealed:%' AND NEW.text LIKE 'sealed:%'
                AND NEW.written_by = OLD.written_by AND NEW.written_at = OLD.written_at THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'the minutes of this meeting are approved and locked';
    END IF;
    RETURN COALESCE(NEW, OLD);
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER minutes_narrative_no_change_once_approved BEFORE INSERT OR UPDATE OR DELETE ON minutes_narrative
    FOR EACH ROW EXECUTE FUNCTION minutes_narrative_locked();

-- Each time the meeting gained or lost quorum, written with the change that caused it: the minutes list them.
CREATE TABLE meeting_quorum_change (
    id         BIGSERIAL   PRIMARY KEY,
    meeting_id BIGINT      NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    met        BOOLEAN     NOT NULL,
    present    NUMERIC     NOT NULL,
    required   NUMERIC     NOT NULL,
    unit       TEXT        NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX meeting_quorum_change_meeting ON meeting_quorum_change (meeting_id, id);
