-- Organizations are created, suspended and deleted by the platform's operator; an organization's identity
-- provider keeps its members and their roles in sync over SCIM 2.0 (RFC 7643/7644), authenticated by a
-- provisioning token the operator issued to that organization.

-- suspended: nobody of it can sign in or stay connected, nothing is lost; deleted: the same for good (its
-- history stays as retention and the append-only audit trail require), and its slug stays taken.
ALTER TABLE organization
    ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deleted'));

ALTER TABLE member
    ADD COLUMN external_id  TEXT CHECK (length(external_id) <= 200),
    ADD COLUMN email        TEXT CHECK (length(email) <= 320),
    ADD COLUMN given_name   TEXT CHECK (length(given_name) <= 200),
    ADD COLUMN family_name  TEXT CHECK (length(family_name) <= 200),
    -- deleted over SCIM: gone for the identity provider and inactive, kept for the history that names them
    ADD COLUMN deprovisioned BOOLEAN NOT NULL DEFAULT FALSE,
    -- the SCIM resource version (its ETag), raised by every change
    ADD COLUMN version      BIGINT NOT NULL DEFAULT 1,
    ADD COLUMN updated_at   TIMESTAMPTZ NOT NULL DEFAULT now();

CREATE INDEX member_organization_external_id ON member (organization_id, external_id);

-- Only a digest of the secret is kept: the secret is shown once, when issued.
CREATE TABLE provisioning_token (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT      NOT NULL REFERENCES organization (id),
    label           TEXT        NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    secret_digest   TEXT        NOT NULL UNIQUE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by      TEXT        NOT NULL,
    revoked_at      TIMESTAMPTZ,
    last_used_at    TIMESTAMPTZ
);

CREATE INDEX provisioning_token_organization ON provisioning_token (organization_id);

-- A SCIM group of the organization. A group whose name is a Quorum role ("chair", "Compliance Officer")
-- grants that role to its members; any other group is kept as the identity provider sent it.
CREATE TABLE scim_group (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT      NOT NULL REFERENCES organization (id),
    display_name    TEXT        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    external_id     TEXT CHECK (length(external_id) <= 200),
    version         BIGINT      NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (organization_id, display_name)
);

CREATE TABLE scim_group_member (
    group_id  BIGINT NOT NULL REFERENCES scim_group (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, member_id)
);

CREATE INDEX scim_group_member_member ON scim_group_member (member_id);
