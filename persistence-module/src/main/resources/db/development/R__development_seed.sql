-- Development data, loaded only when quorum.mode=development. Re-applied whenever this file changes;
-- every statement is idempotent.

INSERT INTO organization (slug, name) VALUES
    ('acme', 'Acme Corporation'),
    ('globex', 'Globex Holdings')
ON CONFLICT (slug) DO NOTHING;

INSERT INTO member (organization_id, subject, display_name)
SELECT o.id, m.subject, m.display_name
FROM (VALUES
    ('acme', 'alice', 'Alice Archer'),
    ('acme', 'bob', 'Bob Baker'),
    ('acme', 'carol', 'Carol Chen'),
    ('acme', 'dave', 'Dave Dalton'),
    ('acme', 'erin', 'Erin Evans'),
    ('acme', 'frank', 'Frank Fischer'),
    ('acme', 'olga', 'Olga Okafor (inactive)'),
    ('acme', 'pat', 'Pat Operator'),
    ('globex', 'gina', 'Gina Gold'),
    ('globex', 'hank', 'Hank Hill')
) AS m (org, subject, display_name)
JOIN organization o ON o.slug = m.org
ON CONFLICT (organization_id, subject) DO NOTHING;

UPDATE member SET active = FALSE
WHERE subject = 'olga' AND organization_id = (SELECT id FROM organization WHERE slug = 'acme');

INSERT INTO member_role (member_id, role)
SELECT m.id, r.role
FROM (VALUES
    ('acme', 'alice', 'member'),
    ('acme', 'bob', 'member'),
    ('acme', 'carol', 'member'), ('acme', 'carol', 'secretary'),
    ('acme', 'dave', 'member'), ('acme', 'dave', 'chair'),
    ('acme', 'erin', 'member'), ('acme', 'erin', 'compliance_officer'),
    ('acme', 'frank', 'member'), ('acme', 'frank', 'admin'),
    ('acme', 'olga', 'member'),
    ('acme', 'pat', 'member'), ('acme', 'pat', 'platform_admin'),
    ('globex', 'gina', 'member'), ('globex', 'gina', 'admin'),
    ('globex', 'hank', 'member'), ('globex', 'hank', 'chair')
) AS r (org, subject, role)
JOIN organization o ON o.slug = r.org
JOIN member m ON m.organization_id = o.id AND m.subject = r.subject
ON CONFLICT DO NOTHING;

INSERT INTO room (organization_id, kind, name, access_rule, access_roles)
SELECT o.id, r.kind, r.name, r.access_rule, r.access_roles
FROM (VALUES
    ('acme', 'organization', 'Acme — everyone', 'organization', NULL),
    ('acme', 'division', 'Finance division', 'membership', NULL),
    ('acme', 'meeting', 'Board meeting — December', 'membership', NULL),
    ('acme', 'compliance', 'Compliance desk', 'roles', 'compliance_officer,admin'),
    ('globex', 'organization', 'Globex — everyone', 'organization', NULL)
) AS r (org, kind, name, access_rule, access_roles)
JOIN organization o ON o.slug = r.org
ON CONFLICT (organization_id, name) DO NOTHING;

INSERT INTO room_membership (room_id, member_id)
SELECT room.id, m.id
FROM (VALUES
    ('acme', 'Finance division', 'alice'),
    ('acme', 'Finance division', 'carol'),
    ('acme', 'Board meeting — December', 'carol'),
    ('acme', 'Board meeting — December', 'dave'),
    ('acme', 'Board meeting — December', 'bob')
) AS rm (org, room_name, subject)
JOIN organization o ON o.slug = rm.org
JOIN room ON room.organization_id = o.id AND room.name = rm.room_name
JOIN member m ON m.organization_id = o.id AND m.subject = rm.subject
ON CONFLICT DO NOTHING;
