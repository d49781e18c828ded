-- Critical findings are alerted at once and again until acknowledged: when the last alert went out and how
-- many repeats there were (after a configured number, admins are alerted too).

ALTER TABLE compliance_finding
    ADD COLUMN alerted_at  TIMESTAMPTZ,
    ADD COLUMN escalations INT NOT NULL DEFAULT 0;

CREATE INDEX compliance_finding_unacknowledged ON compliance_finding (alerted_at)
    WHERE severity = 'critical' AND status = 'open';
