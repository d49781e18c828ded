-- What is said in a meeting (typed notes, the browser's speech recognition, REST, an integrator's
-- speech-to-text over JMS), and the AI analysis of it: jobs written in the transaction that stored their
-- input (a transactional outbox, relayed to JMS after commit) and their results, stored once per job.

CREATE TABLE transcript_segment (
    id                BIGSERIAL PRIMARY KEY,
    organization_id   BIGINT      NOT NULL REFERENCES organization (id),
    meeting_id        BIGINT      NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    -- the source's own id for the segment: a segment sent twice is stored once
    client_id         TEXT        NOT NULL CHECK (length(client_id) BETWEEN 1 AND 100),
    agenda_item_id    BIGINT      REFERENCES agenda_item (id) ON DELETE SET NULL,
    speaker_member_id BIGINT      REFERENCES member (id),
    speaker_name      TEXT        NOT NULL CHECK (length(speaker_name) BETWEEN 1 AND 200),
    started_at        TIMESTAMPTZ NOT NULL,
    ended_at          TIMESTAMPTZ NOT NULL CHECK (ended_at >= started_at),
    -- clear text, or sealed:<key id>:… in a confidential meeting
    text              TEXT        NOT NULL CHECK (length(text) >= 1),
    language          TEXT        NOT NULL CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
    confidence        NUMERIC(4, 3) CHECK (confidence BETWEEN 0 AND 1),
    source            TEXT        NOT NULL CHECK (source IN ('typed', 'speech', 'rest', 'integration')),
    submitted_by      BIGINT      REFERENCES member (id),
    integration       TEXT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (meeting_id, client_id)
);
CREATE INDEX transcript_segment_meeting ON transcript_segment (meeting_id, started_at, id);

CREATE TABLE analysis_job (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT      NOT NULL REFERENCES organization (id),
    meeting_id      BIGINT      NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    -- segment: sentiment and insights of one segment; agenda_item and meeting: a summary
    kind            TEXT        NOT NULL CHECK (kind IN ('segment', 'agenda_item', 'meeting')),
    subject_id      BIGINT      NOT NULL,
    -- pending: in the outbox; relaying: claimed by a node sending it; queued: on the broker; then done, or
    -- failed (its message dead-lettered after the last attempt)
    status          TEXT        NOT NULL DEFAULT 'pending'
                                CHECK (status IN ('pending', 'relaying', 'queued', 'done', 'failed')),
    attempts        INT         NOT NULL DEFAULT 0,
    engine          TEXT,
    error           TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    relayed_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ
);
CREATE INDEX analysis_job_outbox ON analysis_job (id) WHERE status IN ('pending', 'relaying');
CREATE INDEX analysis_job_meeting ON analysis_job (meeting_id, id);
CREATE UNIQUE INDEX analysis_job_once_per_segment ON analysis_job (subject_id) WHERE kind = 'segment';

CREATE TABLE analysis_result (
    id              BIGSERIAL PRIMARY KEY,
    job_id          BIGINT      NOT NULL REFERENCES analysis_job (id) ON DELETE CASCADE,
    meeting_id      BIGINT      NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    segment_id      BIGINT      REFERENCES transcript_segment (id) ON DELETE CASCADE,
    kind            TEXT        NOT NULL
                                CHECK (kind IN ('sentiment', 'action_item', 'decision', 'risk', 'question', 'summary')),
    position        INT         NOT NULL DEFAULT 0,
    -- sentiment: positive, neutral or negative with a score in [-1, 1]
    label           TEXT,
    score           NUMERIC(4, 3),
    -- clear text, or sealed:<key id>:… in a confidential meeting
    text            TEXT,
    owner           TEXT,
    due_on          DATE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- a redelivered job never stores its results twice
    UNIQUE (job_id, kind, position)
);
CREATE INDEX analysis_result_meeting ON analysis_result (meeting_id, kind, id);

-- Which engine analyses an organization's meetings: the local one (nothing leaves the server) unless its admin
-- opts in to the remote one the server is configured with. Confidential meetings are analysed locally always.
ALTER TABLE organization ADD COLUMN analysis_engine TEXT NOT NULL DEFAULT 'local'
    CHECK (analysis_engine IN ('local', 'remote'));

-- Integrations: other systems of an organization talking to Quorum over the broker (OpenWire or AMQP 1.0),
-- each with credentials of its own that the broker checks (Quorum's broker plugin reads this table). The secret
-- is 256 random bits, shown once; only its SHA-256 is kept.
CREATE TABLE integration (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT      NOT NULL REFERENCES organization (id),
    name            TEXT        NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
    -- <organization slug>.<name>: what the integration connects as
    username        TEXT        NOT NULL UNIQUE,
    secret_hash     TEXT        NOT NULL,
    active          BOOLEAN     NOT NULL DEFAULT TRUE,
    created_by      BIGINT      REFERENCES member (id),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at      TIMESTAMPTZ,
    UNIQUE (organization_id, name)
);

-- Events for integrators, written in the transaction of the change (an outbox) and relayed to the
-- organization's topic after commit: none lost while the broker is away, none sent for a change that rolled back.
CREATE TABLE integration_event (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT      NOT NULL REFERENCES organization (id),
    body            TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_at      TIMESTAMPTZ,
    sent_at         TIMESTAMPTZ
);
CREATE INDEX integration_event_outbox ON integration_event (id) WHERE sent_at IS NULL;
