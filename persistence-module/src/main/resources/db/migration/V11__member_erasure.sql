-- GDPR erasure pseudonymises a member in history. Two records are locked against every change, and stay so
-- but for this one: inside an erasure (the transaction has set quorum.erasure), a sealed audit entry's actor may
-- become a pseudonym (its hash covers the actor's digest, so the chain still verifies) and nothing else of it;
-- a decision minute's names may be replaced.

CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'the audit trail is append-only: entry % cannot be deleted', OLD.id;
    END IF;
    IF OLD.entry_hash IS NOT NULL THEN
        IF current_setting('quorum.erasure', true) = 'on'
                AND NEW.actor LIKE 'erased:%'
                AND (NEW.id, NEW.occurred_at, NEW.organization_id, NEW.action, NEW.target, NEW.detail::text,
                     NEW.source_address, NEW.chain_seq, NEW.prev_hash, NEW.entry_hash, NEW.actor_digest)
                    IS NOT DISTINCT FROM
                    (OLD.id, OLD.occurred_at, OLD.organization_id, OLD.action, OLD.target, OLD.detail::text,
                     OLD.source_address, OLD.chain_seq, OLD.prev_hash, OLD.entry_hash, OLD.actor_digest) THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'the audit trail is append-only: entry % is sealed', OLD.id;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION decision_minute_locked() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('quorum.erasure', true) = 'on'
            AND NEW.motion_id = OLD.motion_id AND NEW.created_at = OLD.created_at THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'decision minutes are locked against edits';
END;
$$ LANGUAGE plpgsql;
