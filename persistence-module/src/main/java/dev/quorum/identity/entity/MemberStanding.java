package dev.quorum.identity.entity;

/**
 * What admitting a credential needs of a member, read as one row ({@link Member#STANDING_BY_ORGANIZATION_AND_SUBJECT}):
 * no managed entity built, no roles read (a token carries them).
 */
public record MemberStanding(
        Long memberId,
        String subject,
        String displayName,
        boolean active,
        Long organizationId,
        String organizationSlug,
        String organizationName,
        OrganizationStatus organizationStatus) {}
