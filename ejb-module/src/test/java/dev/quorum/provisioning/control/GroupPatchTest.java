package dev.quorum.provisioning.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quorum.identity.entity.Role;
import dev.quorum.identity.entity.ScimGroup;
import dev.quorum.platform.control.JsonText;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupPatchTest {

    private static final GroupAttributes CHAIRS = new GroupAttributes("Chair", "g-1", Set.of(1L, 2L));

    private static GroupAttributes patched(String operations) {
        return GroupPatch.apply(
                CHAIRS, PatchOperation.parse(JsonText.parseObject("{\"Operations\":[" + operations + "]}", "patch")));
    }

    @Test
    void membersAreAddedRemovedOneByOneAndReplaced() {
        assertEquals(
                Set.of(1L, 2L, 3L),
                patched("{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"3\"}]}")
                        .members());
        assertEquals(
                Set.of(2L),
                patched("{\"op\":\"Remove\",\"path\":\"members[value eq \\\"1\\\"]\"}")
                        .members());
        assertEquals(
                Set.of(1L),
                patched("{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"2\"}]}")
                        .members());
        assertEquals(
                Set.of(), patched("{\"op\":\"remove\",\"path\":\"members\"}").members());
        assertEquals(
                Set.of(5L),
                patched("{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\"5\"}]}")
                        .members());
        assertEquals(
                "Board",
                patched("{\"op\":\"replace\",\"value\":{\"displayName\":\"Board\"}}")
                        .displayName());
    }

    @Test
    void oktasRenameRepeatsTheIdInTheValueWhichIsIgnored() {
        assertEquals(
                "Audit committee",
                patched("{\"op\":\"replace\",\"value\":{\"id\":\"7\",\"displayName\":\"Audit committee\"}}")
                        .displayName());
        assertEquals(QuorumError.SCIM_MUTABILITY, refusal("{\"op\":\"replace\",\"path\":\"id\",\"value\":\"8\"}"));
    }

    @Test
    void refusesWhatIsNotAMemberOrAnAttributeOfAGroup() {
        assertEquals(
                QuorumError.SCIM_INVALID_VALUE,
                refusal("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"abc\"}]}"));
        assertEquals(
                QuorumError.SCIM_INVALID_VALUE,
                refusal("{\"op\":\"add\",\"path\":\"members\",\"value\":{\"value\":\"1\"}}"));
        assertEquals(
                QuorumError.SCIM_INVALID_PATH,
                refusal("{\"op\":\"add\",\"path\":\"members[value eq \\\"1\\\"]\",\"value\":[]}"));
        assertEquals(QuorumError.SCIM_INVALID_PATH, refusal("{\"op\":\"replace\",\"path\":\"owner\",\"value\":\"x\"}"));
        assertEquals(QuorumError.SCIM_MUTABILITY, refusal("{\"op\":\"remove\",\"path\":\"displayName\"}"));
    }

    @Test
    void aGroupNamedAfterARoleGrantsItButNeverThePlatformOperators() {
        assertEquals(Optional.of(Role.CHAIR), ScimGroup.roleNamed("Chair"));
        assertEquals(Optional.of(Role.COMPLIANCE_OFFICER), ScimGroup.roleNamed("Compliance Officer"));
        assertEquals(Optional.of(Role.COMPLIANCE_OFFICER), ScimGroup.roleNamed(" compliance-officer "));
        assertEquals(Optional.of(Role.ADMIN), ScimGroup.roleNamed("ADMIN"));
        assertEquals(Optional.empty(), ScimGroup.roleNamed("Platform Admin"));
        assertEquals(Optional.empty(), ScimGroup.roleNamed("Board observers"));
    }

    private static QuorumError refusal(String operation) {
        return assertThrows(QuorumException.class, () -> patched(operation)).error();
    }
}
