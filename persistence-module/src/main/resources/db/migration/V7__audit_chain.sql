-- The audit trail becomes tamper-evident: per organization (0 for platform events) every entry carries its
-- position in the chain, the hash of its predecessor and its own hash, an HMAC-SHA256 (keyed by the server's
-- chain key, so the database alone cannot forge a link) over its fields and that predecessor's hash. The head
-- row holds the last position and hash: appending locks it, so an organization's entries are chained in commit
-- order, and a deleted tail is still noticed. The actor is hashed by digest, so that a member's name can later
-- be pseudonymised (GDPR erasure) without breaking the chain. Entries written before this migration are not
-- chained (chain_seq is null).

ALTER TABLE audit_event
    ADD COLUMN chain_seq    BIGINT,
    ADD COLUMN prev_hash    TEXT,
    ADD COLUMN entry_hash   TEXT,
    ADD COLUMN actor_digest TEXT;

CREATE UNIQUE INDEX audit_event_chain ON audit_event ((COALESCE(organization_id, 0)), chain_seq)
    WHERE chain_seq IS NOT NULL;

CREATE TABLE audit_chain_head (
    organization_id BIGINT PRIMARY KEY,
    last_seq        BIGINT NOT NULL DEFAULT 0,
    last_hash       TEXT   NOT NULL DEFAULT ''
);

-- append-only: an entry is sealed once its hash is written; nothing is ever deleted
CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'the audit trail is append-only: entry % cannot be deleted', OLD.id;
    END IF;
    IF OLD.entry_hash IS NOT NULL THEN
        RAISE EXCEPTION 'the audit trail is append-only: entry % is sealed', OLD.id;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
