package dev.quorum.provisioning.control;

import dev.quorum.platform.control.Origin;

/** An organization's identity provider, known by the provisioning token it presented. */
public record Provisioner(long tokenId, long organizationId, String organization, String label) {

    /** The audit trail names the token (its id and label), not a member: no member acted. */
    public Origin origin(String source) {
        return new Origin(organizationId, "provisioning-token:" + tokenId, 0, source);
    }
}
