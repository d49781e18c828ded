-- Meetings and voting. Votes and ballots are written with explicit row locks on their motion (see
-- MotionVoting): a vote and the close of its motion are serialized, so no vote is counted after a close
-- and none is lost or counted twice, whichever cluster node takes it.

CREATE TABLE meeting (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT      NOT NULL REFERENCES organization (id),
    room_id         BIGINT      NOT NULL UNIQUE REFERENCES room (id),
    kind            TEXT        NOT NULL CHECK (kind IN ('board', 'member')),
    title           TEXT        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    scheduled_at    TIMESTAMPTZ NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'in_session', 'adjourned')),
    -- majority_of_seats: more than half of the participants present; count: at least quorum_value
    -- present; weight_percent: at least quorum_value % of the participants' weight represented
    quorum_rule     TEXT        NOT NULL CHECK (quorum_rule IN ('majority_of_seats', 'count', 'weight_percent')),
    quorum_value    NUMERIC,
    quorum_met      BOOLEAN     NOT NULL DEFAULT FALSE,
    created_by      BIGINT      NOT NULL REFERENCES member (id),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (quorum_rule = 'majority_of_seats' OR quorum_value > 0)
);

CREATE TABLE agenda_item (
    id          BIGSERIAL PRIMARY KEY,
    meeting_id  BIGINT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position    INT    NOT NULL,
    title       TEXT   NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    UNIQUE (meeting_id, position)
);

CREATE TABLE meeting_participant (
    meeting_id     BIGINT      NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    member_id      BIGINT      NOT NULL REFERENCES member (id),
    weight         NUMERIC     NOT NULL DEFAULT 1 CHECK (weight > 0),
    present        BOOLEAN     NOT NULL DEFAULT FALSE,
    checked_in_at  TIMESTAMPTZ,
    checked_out_at TIMESTAMPTZ,
    PRIMARY KEY (meeting_id, member_id)
);

CREATE TABLE motion (
    id                  BIGSERIAL PRIMARY KEY,
    meeting_id          BIGINT      NOT NULL REFERENCES meeting (id),
    agenda_item_id      BIGINT      REFERENCES agenda_item (id),
    title               TEXT        NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    body                TEXT        NOT NULL DEFAULT '' CHECK (length(body) <= 10000),
    options             JSONB       NOT NULL,
    threshold           TEXT        NOT NULL CHECK (threshold IN ('majority', 'two_thirds', 'unanimous')),
    abstentions_count   BOOLEAN     NOT NULL DEFAULT FALSE,
    ballot              TEXT        NOT NULL CHECK (ballot IN ('named', 'secret')),
    running_results     BOOLEAN     NOT NULL DEFAULT TRUE,
    status              TEXT        NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'seconded', 'open', 'closed')),
    proposer_id         BIGINT      NOT NULL REFERENCES member (id),
    seconder_id         BIGINT      REFERENCES member (id),
    deadline            TIMESTAMPTZ,
    opened_at           TIMESTAMPTZ,
    closed_at           TIMESTAMPTZ,
    closed_by           TEXT,
    outcome             TEXT        CHECK (outcome IN ('carried', 'failed', 'no_quorum')),
    -- bumped by every vote: a tally carries it, so clients keep the newest one
    tally_version       BIGINT      NOT NULL DEFAULT 0,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    voting_seconds      INT         CHECK (voting_seconds BETWEEN 1 AND 604800),
    CHECK (jsonb_typeof(options) = 'array' AND jsonb_array_length(options) BETWEEN 2 AND 20),
    CHECK (status <> 'open' OR opened_at IS NOT NULL),
    CHECK (status <> 'closed' OR outcome IS NOT NULL)
);
CREATE INDEX motion_open_deadline ON motion (deadline) WHERE status = 'open';

-- Who may vote on a motion, fixed when it opens (participants and weights at that moment).
CREATE TABLE motion_voter (
    motion_id BIGINT  NOT NULL REFERENCES motion (id),
    member_id BIGINT  NOT NULL REFERENCES member (id),
    weight    NUMERIC NOT NULL,
    -- the proxy in force for this voter when the motion opened (member meetings only)
    proxy_holder_id BIGINT REFERENCES member (id),
    proxy_choice    TEXT,
    PRIMARY KEY (motion_id, member_id)
);

-- Named ballots: one row per voter, changed in place until the motion closes.
CREATE TABLE vote (
    motion_id  BIGINT      NOT NULL REFERENCES motion (id),
    voter_id   BIGINT      NOT NULL REFERENCES member (id),
    choice     TEXT        NOT NULL,
    weight     NUMERIC     NOT NULL,
    cast_by    BIGINT      NOT NULL REFERENCES member (id),
    via        TEXT        NOT NULL CHECK (via IN ('in_person', 'proxy', 'assisted')),
    cast_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (motion_id, voter_id)
);

-- Secret ballots: who voted is recorded apart from what was chosen. While the motion is open a ballot is
-- found by ballot_key = SHA-256(the motion's ballot_salt, voter), so that a changed vote (or a delegator
-- overriding their proxy) replaces it; the close erases the salt and every ballot_key, after which nothing
-- links a ballot to a member. The voter keeps a receipt code; only its hash is stored, to verify the vote.
CREATE TABLE secret_participation (
    motion_id BIGINT NOT NULL REFERENCES motion (id),
    voter_id  BIGINT NOT NULL REFERENCES member (id),
    via       TEXT   NOT NULL CHECK (via IN ('in_person', 'proxy', 'assisted')),
    PRIMARY KEY (motion_id, voter_id)
);
CREATE TABLE secret_ballot (
    motion_id    BIGINT  NOT NULL REFERENCES motion (id),
    receipt_hash TEXT    NOT NULL,
    ballot_key   TEXT,
    choice       TEXT    NOT NULL,
    weight       NUMERIC NOT NULL,
    PRIMARY KEY (motion_id, receipt_hash),
    UNIQUE (motion_id, ballot_key)
);
ALTER TABLE motion ADD COLUMN ballot_salt TEXT;

CREATE TABLE proxy (
    id           BIGSERIAL PRIMARY KEY,
    meeting_id   BIGINT      NOT NULL REFERENCES meeting (id),
    delegator_id BIGINT      NOT NULL REFERENCES member (id),
    holder_id    BIGINT      NOT NULL REFERENCES member (id),
    -- null: every motion of the meeting; else this motion only
    motion_id    BIGINT      REFERENCES motion (id),
    -- directed proxies fix the choice (per motion only); discretionary ones leave it to the holder
    choice       TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at   TIMESTAMPTZ,
    CHECK (delegator_id <> holder_id),
    CHECK (choice IS NULL OR motion_id IS NOT NULL)
);
CREATE INDEX proxy_active ON proxy (meeting_id) WHERE revoked_at IS NULL;

-- The decision minute of a closed motion: written once with the close, never updated.
CREATE TABLE decision_minute (
    motion_id  BIGINT      PRIMARY KEY REFERENCES motion (id),
    text       TEXT        NOT NULL,
    record     JSONB       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE FUNCTION decision_minute_locked() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'decision minutes are locked against edits';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER decision_minute_no_update BEFORE UPDATE OR DELETE ON decision_minute
    FOR EACH ROW EXECUTE FUNCTION decision_minute_locked();
