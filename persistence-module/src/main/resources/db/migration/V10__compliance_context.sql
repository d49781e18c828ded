-- Rules that look beyond the text: health and special-category data about a person, figures that may be inside
-- information (mnpi: rooms with external guests, earnings blackouts) and information barriers between divisions.

ALTER TABLE compliance_rule DROP CONSTRAINT compliance_rule_category_check;
ALTER TABLE compliance_rule ADD CONSTRAINT compliance_rule_category_check CHECK (category IN (
    'email', 'phone', 'payment_card', 'iban', 'national_id', 'health', 'special_category', 'mnpi',
    'information_barrier'));

-- an external guest (counsel, an auditor, an adviser): figures shared in a room they can read are flagged
ALTER TABLE member ADD COLUMN external BOOLEAN NOT NULL DEFAULT FALSE;
