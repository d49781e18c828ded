-- A document whose room is confidential keeps its text sealed: its newest text, every committed operation and
-- every snapshot hold the ciphertext (bound to the document and revision) in sealed, with the sealing key's id;
-- the plain columns hold '' or [] meanwhile.
ALTER TABLE document ADD COLUMN content_sealed BYTEA, ADD COLUMN sealed_key INT;
ALTER TABLE document_operation ADD COLUMN sealed BYTEA, ADD COLUMN sealed_key INT;
ALTER TABLE document_snapshot ADD COLUMN sealed BYTEA, ADD COLUMN sealed_key INT;
CREATE INDEX document_operation_sealed_key ON document_operation (sealed_key) WHERE sealed IS NOT NULL;
