-- What a new meeting of each kind starts with when its organizer leaves it out: the quorum rule and the
-- standing agenda items. Set by the organization's administrators; without a row, Quorum's own defaults
-- (a majority of the seats, no agenda).
CREATE TABLE meeting_defaults (
    organization_id BIGINT      NOT NULL REFERENCES organization (id),
    kind            TEXT        NOT NULL CHECK (kind IN ('board', 'member')),
    quorum_rule     TEXT        NOT NULL CHECK (quorum_rule IN ('majority_of_seats', 'count', 'weight_percent')),
    quorum_value    NUMERIC     NOT NULL DEFAULT 0,
    agenda          JSONB       NOT NULL DEFAULT '[]',
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, kind),
    CHECK (quorum_rule = 'majority_of_seats' OR quorum_value > 0)
);
