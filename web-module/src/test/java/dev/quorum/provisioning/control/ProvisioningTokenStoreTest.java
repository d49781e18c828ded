package dev.quorum.provisioning.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which bearer credentials the store takes, and that it leaves every JWT to MicroProfile JWT untouched. */
class ProvisioningTokenStoreTest {

    /** Shaped like Payara's SignedJWTCredential: the bearer text behind {@code getSignedJWT()}. */
    public static final class BearerCredential implements Credential {
        private final String bearer;

        BearerCredential(String bearer) {
            this.bearer = bearer;
        }

        public String getSignedJWT() {
            return bearer;
        }
    }

    private final List<String> looked = new ArrayList<>();

    private ProvisioningTokenStore store() {
        ProvisioningTokenStore store = new ProvisioningTokenStore();
        store.tokens = new ProvisioningTokens() {
            @Override
            public Optional<Provisioner> authenticate(String secret) {
                looked.add(secret);
                return secret.equals("qps_valid")
                        ? Optional.of(new Provisioner(7, 3, "initech", "Entra ID"))
                        : Optional.empty();
            }
        };
        return store;
    }

    @Test
    void aJwtIsLeftToTheJwtStoreWithoutADatabaseRead() {
        CredentialValidationResult result = store().validate(new BearerCredential("eyJhbGciOiJSUzI1NiJ9.e30.sig"));
        assertEquals(CredentialValidationResult.Status.NOT_VALIDATED, result.getStatus());
        assertEquals(List.of(), looked);
    }

    @Test
    void aValidProvisioningTokenIsItsOrganizationsProvisioner() {
        ProvisioningTokenStore store = store();
        CredentialValidationResult result = store.validate(new BearerCredential("qps_valid"));
        assertEquals(CredentialValidationResult.Status.VALID, result.getStatus());
        ProvisionerPrincipal principal = assertInstanceOf(ProvisionerPrincipal.class, result.getCallerPrincipal());
        assertEquals("initech", principal.provisioner().organization());
        assertEquals(Set.of(ProvisioningTokenStore.ROLE), store.getCallerGroups(result));
    }

    @Test
    void anUnknownOrRevokedProvisioningTokenIsInvalidAndAnyOtherCredentialIsNotThisStores() {
        assertEquals(
                CredentialValidationResult.Status.INVALID,
                store().validate(new BearerCredential("qps_revoked")).getStatus());
        assertEquals(
                CredentialValidationResult.Status.NOT_VALIDATED,
                store().validate(new Credential() {}).getStatus());
    }
}
