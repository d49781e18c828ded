-- What a finding matched, as a keyed fingerprint (HMAC-SHA256 under a key derived from the audit chain key): the
-- same data found again in the same place (a document screened after typing) is recognised without the data
-- itself being stored, and the fingerprint cannot be reversed by trying every card or id number.
ALTER TABLE compliance_finding ADD COLUMN fingerprint TEXT;
CREATE INDEX compliance_finding_fingerprint ON compliance_finding (organization_id, reference, fingerprint)
    WHERE fingerprint IS NOT NULL;
