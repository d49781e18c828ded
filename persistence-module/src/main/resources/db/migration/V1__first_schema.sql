-- Quorum's first schema: tenants, members, rooms, messages, audit, connection tickets.

CREATE TABLE organization (
    id          BIGSERIAL PRIMARY KEY,
    slug        TEXT        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE member (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT      NOT NULL REFERENCES organization (id),
    subject         TEXT        NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    display_name    TEXT        NOT NULL,
    active          BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- a token's (org, sub) pair finds the member
    UNIQUE (organization_id, subject)
);

CREATE TABLE member_role (
    member_id BIGINT NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    role      TEXT   NOT NULL CHECK (role IN ('member', 'secretary', 'chair', 'compliance_officer', 'admin')),
    PRIMARY KEY (member_id, role)
);

CREATE TABLE room (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT      NOT NULL REFERENCES organization (id),
    kind            TEXT        NOT NULL CHECK (kind IN ('organization', 'division', 'meeting', 'document', 'direct', 'compliance')),
    name            TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- organization: every member of the organization; membership: listed members only;
    -- roles: members holding one of access_roles (comma separated)
    access_rule     TEXT        NOT NULL CHECK (access_rule IN ('organization', 'membership', 'roles')),
    access_roles    TEXT,
    last_sequence   BIGINT      NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (organization_id, name),
    CHECK (access_rule <> 'roles' OR access_roles IS NOT NULL)
);
CREATE INDEX room_organization_kind ON room (organization_id, kind);

CREATE TABLE room_membership (
    room_id   BIGINT      NOT NULL REFERENCES room (id) ON DELETE CASCADE,
    member_id BIGINT      NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    added_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (room_id, member_id)
);
-- "which rooms is this member in" (the primary key serves "who is in this room")
CREATE INDEX room_membership_member ON room_membership (member_id);

CREATE TABLE message (
    id                BIGSERIAL PRIMARY KEY,
    room_id           BIGINT      NOT NULL REFERENCES room (id) ON DELETE CASCADE,
    sequence          BIGINT      NOT NULL CHECK (sequence > 0),
    priority          TEXT        NOT NULL CHECK (priority IN ('critical', 'high', 'normal', 'low')),
    type              TEXT        NOT NULL,
    payload           JSONB       NOT NULL,
    sender_id         BIGINT      REFERENCES member (id),
    client_message_id TEXT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- replay and history read (room_id, sequence) ranges through this index
    UNIQUE (room_id, sequence),
    -- idempotent publish: a retried client id finds the original
    UNIQUE (room_id, sender_id, client_message_id)
);
-- retention removes old messages per room by age
CREATE INDEX message_room_created ON message (room_id, created_at);

CREATE TABLE audit_event (
    id              BIGSERIAL PRIMARY KEY,
    occurred_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    organization_id BIGINT REFERENCES organization (id),
    actor           TEXT        NOT NULL,
    action          TEXT        NOT NULL,
    target          TEXT,
    detail          JSONB,
    source_address  TEXT
);
CREATE INDEX audit_event_organization_time ON audit_event (organization_id, occurred_at DESC);
CREATE INDEX audit_event_actor_time ON audit_event (actor, occurred_at DESC);

-- Single-use WebSocket tickets for browsers; in the database so that any node of a cluster redeems them.
CREATE TABLE connection_ticket (
    ticket_hash      TEXT        PRIMARY KEY,
    member_id        BIGINT      NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    roles            TEXT        NOT NULL,
    token_expires_at TIMESTAMPTZ NOT NULL,
    expires_at       TIMESTAMPTZ NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX connection_ticket_expires ON connection_ticket (expires_at);
