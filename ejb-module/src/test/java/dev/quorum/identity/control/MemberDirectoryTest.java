package dev.quorum.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemberDirectoryTest {

    @Test
    void keepsOnlyTheRolesQuorumKnows() {
        assertEquals(
                Set.of("member", "chair"),
                MemberDirectory.knownRoles(List.of("member", "chair", "superuser", "Admin", "")));
    }
}
