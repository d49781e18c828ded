-- Regulatory deadlines per organization, reminded at 30, 7 and 1 day before, on the day, and every day once
-- overdue (then to the admins too); and each organization's and meeting's last announced risk level.

CREATE TABLE compliance_deadline (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT      NOT NULL REFERENCES organization (id),
    title           TEXT        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    kind            TEXT        NOT NULL CHECK (kind IN ('filing', 'policy_review', 'other')),
    due_on          DATE        NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    -- the last reminder sent: 0 none, 1 thirty days, 2 seven days, 3 one day, 4 on the day, 5 overdue
    reminded_stage  INT         NOT NULL DEFAULT 0,
    reminded_on     DATE,
    created_by      BIGINT      REFERENCES member (id),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    settled_by      BIGINT      REFERENCES member (id),
    settled_at      TIMESTAMPTZ
);
CREATE INDEX compliance_deadline_open ON compliance_deadline (due_on) WHERE status = 'open';
CREATE INDEX compliance_deadline_organization ON compliance_deadline (organization_id, due_on);

CREATE TABLE risk_level (
    organization_id BIGINT      NOT NULL REFERENCES organization (id),
    -- 'organization' or 'meeting:<id>'
    scope           TEXT        NOT NULL,
    score           NUMERIC     NOT NULL,
    level           TEXT        NOT NULL CHECK (level IN ('low', 'medium', 'high', 'critical')),
    changed_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, scope)
);
