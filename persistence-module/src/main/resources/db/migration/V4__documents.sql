-- Board papers edited together: each document's text at its newest revision, every committed operation
-- (gapless revisions, the database deciding their order), and snapshots to read old revisions back.

CREATE TABLE document (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT      NOT NULL REFERENCES organization (id),
    meeting_id      BIGINT      REFERENCES meeting (id),
    agenda_item_id  BIGINT      REFERENCES agenda_item (id),
    -- live traffic (operations, later cursors, comments and locks) goes through the document's room
    room_id         BIGINT      NOT NULL UNIQUE REFERENCES room (id),
    title           TEXT        NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    kind            TEXT        NOT NULL CHECK (kind IN ('board_paper', 'minutes', 'resolution', 'policy')),
    status          TEXT        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'final')),
    archived        BOOLEAN     NOT NULL DEFAULT FALSE,
    revision        BIGINT      NOT NULL DEFAULT 0 CHECK (revision >= 0),
    content         TEXT        NOT NULL DEFAULT '',
    created_by      BIGINT      NOT NULL REFERENCES member (id),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX document_organization ON document (organization_id, meeting_id);

CREATE TABLE document_operation (
    document_id   BIGINT      NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    -- the revision this operation produced: 1, 2, 3, ... per document
    revision      BIGINT      NOT NULL CHECK (revision > 0),
    -- the revision its author saw; the stored operation is already transformed to follow revision - 1
    base_revision BIGINT      NOT NULL CHECK (base_revision >= 0),
    author_id     BIGINT      NOT NULL REFERENCES member (id),
    client_id     TEXT        NOT NULL,
    operation     JSONB       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, revision),
    -- a retried operation finds its original instead of applying twice
    UNIQUE (document_id, author_id, client_id)
);

CREATE TABLE document_snapshot (
    document_id BIGINT NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    revision    BIGINT NOT NULL CHECK (revision >= 0),
    content     TEXT   NOT NULL,
    PRIMARY KEY (document_id, revision)
);
