-- Secrets Quorum generates for itself and every node must share: the key that signs the short-lived
-- tokens of browser sessions (signed in through the organization's identity provider). Generated once,
-- by the first node that needs it; an administrator can set quorum.session.signing-key instead.
CREATE TABLE signing_secret (
    name       TEXT PRIMARY KEY,
    secret     BYTEA NOT NULL CHECK (octet_length(secret) >= 32),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
