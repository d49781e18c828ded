-- Encryption at rest. Each organization's AES-256-GCM keyset (Google Tink), wrapped by the master key from
-- configuration; a room marked confidential has its messages' payloads sealed (payload holds {} and sealed the
-- ciphertext, bound to the room and sequence), with the id of the key that sealed them, so that a rotation's
-- background re-encryption finds what an older key sealed.

CREATE TABLE organization_key (
    organization_id BIGINT      PRIMARY KEY REFERENCES organization (id),
    wrapped_keyset  BYTEA       NOT NULL,
    primary_key_id  INT         NOT NULL,
    -- bumped by every rotation and retirement: nodes reload a keyset whose version they do not know
    version         INT         NOT NULL DEFAULT 1,
    -- older keys are kept until nothing they sealed remains
    retiring        BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    rotated_at      TIMESTAMPTZ
);

ALTER TABLE room ADD COLUMN confidential BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE message
    ADD COLUMN sealed     BYTEA,
    ADD COLUMN sealed_key INT;
CREATE INDEX message_sealed_key ON message (sealed_key) WHERE sealed IS NOT NULL;
