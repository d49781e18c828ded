-- Compliance rules per organization, one per category, versioned (every version kept), and the findings
-- they produce. An organization without a row for a category uses Quorum's default rule for it (version 0).

CREATE TABLE compliance_rule (
    organization_id BIGINT      NOT NULL REFERENCES organization (id),
    category        TEXT        NOT NULL CHECK (category IN ('email', 'phone', 'payment_card', 'iban', 'national_id')),
    enabled         BOOLEAN     NOT NULL,
    severity        TEXT        NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    action          TEXT        NOT NULL CHECK (action IN ('allow', 'flag', 'redact', 'block')),
    parameters      JSONB       NOT NULL DEFAULT '{}',
    version         INT         NOT NULL CHECK (version > 0),
    updated_by      BIGINT      REFERENCES member (id),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, category)
);

CREATE TABLE compliance_rule_version (
    organization_id BIGINT      NOT NULL REFERENCES organization (id),
    category        TEXT        NOT NULL,
    version         INT         NOT NULL,
    enabled         BOOLEAN     NOT NULL,
    severity        TEXT        NOT NULL,
    action          TEXT        NOT NULL,
    parameters      JSONB       NOT NULL,
    changed_by      BIGINT      REFERENCES member (id),
    changed_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, category, version)
);

CREATE TABLE compliance_finding (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT      NOT NULL REFERENCES organization (id),
    category        TEXT        NOT NULL,
    rule_version    INT         NOT NULL,
    severity        TEXT        NOT NULL,
    action          TEXT        NOT NULL,
    -- where: 'chat', 'direct', 'broadcast', 'comment', 'document'; and which (room, document, comment)
    source          TEXT        NOT NULL,
    room_id         BIGINT,
    reference       TEXT,
    actor_id        BIGINT      REFERENCES member (id),
    -- the text around the match, the match itself masked
    excerpt         TEXT        NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    acknowledged_by BIGINT      REFERENCES member (id),
    acknowledged_at TIMESTAMPTZ,
    resolved_by     BIGINT      REFERENCES member (id),
    resolved_at     TIMESTAMPTZ
);

CREATE INDEX compliance_finding_open ON compliance_finding (organization_id, status, id DESC);
