-- Locks on documents: a whole document (nobody else edits it) or a section, a range of code points in the
-- text at the document's newest revision, moved with every committed operation. A lock is active while it is
-- neither released nor expired; an operation sent under a lock that is no longer active is refused (fencing).

CREATE TABLE document_lock (
    id            BIGSERIAL PRIMARY KEY,
    document_id   BIGINT      NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    holder_id     BIGINT      NOT NULL REFERENCES member (id),
    section_start INT         CHECK (section_start >= 0),
    section_end   INT,
    reason        TEXT        NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
    expires_at    TIMESTAMPTZ NOT NULL,
    released_at   TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((section_start IS NULL) = (section_end IS NULL)),
    CHECK (section_start IS NULL OR section_start <= section_end)
);

CREATE INDEX document_lock_open ON document_lock (document_id) WHERE released_at IS NULL;
