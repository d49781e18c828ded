-- Benchmark data, loaded only when quorum.benchmark.enabled=true (never by default): an organization
-- "bench" with 20,000 members (subjects m00001 ... m20000) and 200 rooms open to all of them, so a load
-- generator can hold thousands of connections, each as its own member. Idempotent.

INSERT INTO organization (slug, name) VALUES ('bench', 'Benchmark Inc.') ON CONFLICT (slug) DO NOTHING;

INSERT INTO member (organization_id, subject, display_name)
SELECT o.id, 'm' || lpad(n::text, 5, '0'), 'Bench member ' || n
FROM organization o, generate_series(1, 20000) AS n
WHERE o.slug = 'bench'
ON CONFLICT (organization_id, subject) DO NOTHING;

INSERT INTO member_role (member_id, role)
SELECT m.id, 'member' FROM member m JOIN organization o ON o.id = m.organization_id WHERE o.slug = 'bench'
ON CONFLICT DO NOTHING;

INSERT INTO room (organization_id, kind, name, access_rule)
SELECT o.id, 'organization', 'bench-room-' || lpad(n::text, 3, '0'), 'organization'
FROM organization o, generate_series(1, 200) AS n
WHERE o.slug = 'bench'
ON CONFLICT (organization_id, name) DO NOTHING;
