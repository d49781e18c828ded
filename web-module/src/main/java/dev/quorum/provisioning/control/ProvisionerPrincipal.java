package dev.quorum.provisioning.control;

import jakarta.security.enterprise.CallerPrincipal;

/**
 * The caller of a SCIM request: an identity provider that presented a valid provisioning token. Its own
 * class, so that a bearer JWT whose name or groups happen to read like a provisioning token's can never pass
 * for one.
 */
public class ProvisionerPrincipal extends CallerPrincipal {

    private final transient Provisioner provisioner;

    public ProvisionerPrincipal(Provisioner provisioner) {
        super("provisioning-token:" + provisioner.tokenId());
        this.provisioner = provisioner;
    }

    public Provisioner provisioner() {
        return provisioner;
    }
}
