-- The platform operator's role, above organizations: sees every organization's figures, not their content.
ALTER TABLE member_role DROP CONSTRAINT member_role_role_check;
ALTER TABLE member_role ADD CONSTRAINT member_role_role_check
    CHECK (role IN ('member', 'secretary', 'chair', 'compliance_officer', 'admin', 'platform_admin'));
