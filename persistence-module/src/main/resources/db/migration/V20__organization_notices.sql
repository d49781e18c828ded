-- Organization-wide notices (admin broadcasts), kept so that a member who was away sees the latest ones on
-- whatever page they open next.
CREATE TABLE organization_notice (
    id              BIGSERIAL   PRIMARY KEY,
    organization_id BIGINT      NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    priority        TEXT        NOT NULL CHECK (priority IN ('critical', 'high', 'normal', 'low')),
    text            TEXT        NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
    from_member_id  BIGINT      REFERENCES member (id),
    sent_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX organization_notice_recent ON organization_notice (organization_id, id DESC);
