-- Since when a room's stored values may still be in clear although it is confidential: set when a room
-- becomes confidential (by any statement: a trigger), cleared by the re-encryption sweep once it has found
-- nothing left to seal for a while. The sweep looks only at these rooms, so a node does not read every
-- table's whole history every two seconds to find that nothing needs sealing.
ALTER TABLE room ADD COLUMN seal_backlog_since TIMESTAMPTZ;

UPDATE room SET seal_backlog_since = now() WHERE confidential;

CREATE INDEX room_seal_backlog ON room (id) WHERE seal_backlog_since IS NOT NULL;

CREATE FUNCTION room_seal_backlog() RETURNS trigger AS $$
BEGIN
    IF NEW.confidential AND (TG_OP = 'INSERT' OR NOT OLD.confidential) THEN
        NEW.seal_backlog_since := clock_timestamp();
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER room_seal_backlog BEFORE INSERT OR UPDATE OF confidential ON room
    FOR EACH ROW EXECUTE FUNCTION room_seal_backlog();
