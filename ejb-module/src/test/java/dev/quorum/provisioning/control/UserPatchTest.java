package dev.quorum.provisioning.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quorum.platform.control.JsonText;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import org.junit.jupiter.api.Test;

class UserPatchTest {

    private static final UserAttributes ALICE = new UserAttributes(
            "alice@acme.example", "e-1", "Alice Archer", "Alice", "Archer", "alice@acme.example", true);

    private static UserAttributes patched(String operations) {
        return UserPatch.apply(
                ALICE,
                PatchOperation.parse(JsonText.parseObject(
                        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[" + operations
                                + "]}",
                        "patch")));
    }

    @Test
    void entraIdsDeactivationWithAStringBooleanAndCapitalisedOp() {
        assertFalse(patched("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}")
                .active());
        assertTrue(patched("{\"op\":\"replace\",\"path\":\"active\",\"value\":true}")
                .active());
    }

    @Test
    void aPatchWithoutPathSetsEachAttributeOfItsValue() {
        UserAttributes changed = patched(
                "{\"op\":\"replace\",\"value\":{\"active\":false,\"displayName\":\"A. Archer\",\"name.familyName\":\"Archer-Lee\","
                        + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department\":\"Board\"}}");
        assertFalse(changed.active());
        assertEquals("A. Archer", changed.displayName());
        assertEquals("Archer-Lee", changed.familyName());
        assertEquals("alice@acme.example", changed.userName());
    }

    @Test
    void theWorkEmailAndNamePartsAreKeptAndAttributesNotKeptAreAccepted() {
        UserAttributes changed = patched(
                "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"a@b.example\"},"
                        + "{\"op\":\"Add\",\"path\":\"name\",\"value\":{\"givenName\":\"Al\"}},"
                        + "{\"op\":\"Add\",\"path\":\"title\",\"value\":\"Director\"},"
                        + "{\"op\":\"Remove\",\"path\":\"externalId\"}");
        assertEquals("a@b.example", changed.email());
        assertEquals("Al", changed.givenName());
        assertEquals("Archer", changed.familyName());
        assertNull(changed.externalId());
    }

    @Test
    void refusesUnknownPathsRemovingTheUserNameAndChangingTheId() {
        assertEquals(QuorumError.SCIM_INVALID_PATH, refusal("{\"op\":\"replace\",\"path\":\"shoeSize\",\"value\":1}"));
        assertEquals(QuorumError.SCIM_MUTABILITY, refusal("{\"op\":\"remove\",\"path\":\"userName\"}"));
        assertEquals(QuorumError.SCIM_MUTABILITY, refusal("{\"op\":\"replace\",\"path\":\"id\",\"value\":\"7\"}"));
        assertEquals(
                QuorumError.SCIM_INVALID_VALUE,
                refusal("{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}"));
        assertEquals(
                QuorumError.SCIM_INVALID_VALUE,
                refusal("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"" + "x".repeat(201) + "\"}"));
        assertEquals(QuorumError.SCIM_INVALID_SYNTAX, refusal("{\"op\":\"merge\",\"path\":\"active\",\"value\":true}"));
        assertEquals(QuorumError.SCIM_INVALID_VALUE, refusal("{\"op\":\"add\",\"path\":\"active\"}"));
        assertEquals(QuorumError.SCIM_INVALID_PATH, refusal("{\"op\":\"remove\"}"));
    }

    @Test
    void aFullUserTakesItsDisplayNameFromTheFormattedNameOrTheNameParts() {
        UserAttributes formatted = UserAttributes.fromScim(JsonText.parseObject(
                "{\"userName\":\"b\",\"name\":{\"formatted\":\"Bob Baker\"},\"emails\":[{\"value\":\"home@x\",\"type\":\"home\"},{\"value\":\"work@x\",\"type\":\"work\"}]}",
                "user"));
        assertEquals("Bob Baker", formatted.shownName());
        assertEquals("work@x", formatted.email());
        assertTrue(formatted.active());
        UserAttributes parts = UserAttributes.fromScim(JsonText.parseObject(
                "{\"userName\":\"c\",\"name\":{\"givenName\":\"Cy\",\"familyName\":\"Chen\"}}", "user"));
        assertEquals("Cy Chen", parts.shownName());
        assertEquals(
                "d",
                UserAttributes.fromScim(JsonText.parseObject("{\"userName\":\"d\"}", "user"))
                        .shownName());
    }

    private static QuorumError refusal(String operation) {
        return assertThrows(QuorumException.class, () -> patched(operation)).error();
    }
}
