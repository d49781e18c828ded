package dev.quorum.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quorum.identity.entity.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignInsTest {

    @Test
    void aProvidersGroupsNamedAfterRolesAddToTheRolesQuorumKeeps() {
        assertEquals(
                Set.of("member", "chair", "secretary", "compliance_officer"),
                SignIns.rolesOf(
                        List.of(Role.CHAIR), List.of("Secretary", "/Board/Compliance Officer", "Board observers", "")));
    }

    @Test
    void everySignedInPersonIsAMemberAndNoProviderMakesAPlatformOperator() {
        assertEquals(Set.of("member"), SignIns.rolesOf(List.of(), List.of("platform_admin", "Platform Admin")));
        assertEquals(
                Set.of("member", "platform_admin"),
                SignIns.rolesOf(List.of(Role.PLATFORM_ADMIN), Arrays.asList((String) null)));
    }
}
