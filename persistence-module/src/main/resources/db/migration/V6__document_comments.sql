-- Comment threads on documents, anchored to a range of code points of the text at the document's newest
-- revision and moved with every committed operation, as locked sections are. A thread whose text was deleted
-- keeps its place and is marked detached: never lost. Comments keep every earlier wording, and a mention of a
-- member is kept until that member has seen it.

CREATE TABLE comment_thread (
    id           BIGSERIAL PRIMARY KEY,
    document_id  BIGINT      NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    author_id    BIGINT      NOT NULL REFERENCES member (id),
    anchor_start INT         NOT NULL CHECK (anchor_start >= 0),
    anchor_end   INT         NOT NULL,
    -- the anchored text when the thread was started, shown when the thread is detached
    quote        TEXT        NOT NULL CHECK (length(quote) <= 2000),
    detached     BOOLEAN     NOT NULL DEFAULT FALSE,
    resolved_by  BIGINT      REFERENCES member (id),
    resolved_at  TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (anchor_start <= anchor_end)
);

CREATE INDEX comment_thread_document ON comment_thread (document_id);

CREATE TABLE comment (
    id         BIGSERIAL PRIMARY KEY,
    thread_id  BIGINT      NOT NULL REFERENCES comment_thread (id) ON DELETE CASCADE,
    author_id  BIGINT      NOT NULL REFERENCES member (id),
    body       TEXT        NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    edited_at  TIMESTAMPTZ
);

CREATE INDEX comment_thread_order ON comment (thread_id, id);

-- the wordings a comment had before each edit: version 1 is the first
CREATE TABLE comment_edit (
    comment_id BIGINT      NOT NULL REFERENCES comment (id) ON DELETE CASCADE,
    version    INT         NOT NULL CHECK (version > 0),
    body       TEXT        NOT NULL,
    replaced_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (comment_id, version)
);

CREATE TABLE mention (
    id          BIGSERIAL PRIMARY KEY,
    member_id   BIGINT      NOT NULL REFERENCES member (id),
    comment_id  BIGINT      NOT NULL REFERENCES comment (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    seen_at     TIMESTAMPTZ,
    UNIQUE (member_id, comment_id)
);

CREATE INDEX mention_unseen ON mention (member_id, id) WHERE seen_at IS NULL;
