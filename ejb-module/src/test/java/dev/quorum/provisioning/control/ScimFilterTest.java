package dev.quorum.provisioning.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScimFilterTest {

    private static final Set<String> USERS = ScimUsers.FILTERABLE;

    @Test
    void readsTheEqualityFiltersIdentityProvidersSend() {
        assertEquals(
                new ScimFilter("username", "alice@acme.example"),
                ScimFilter.parse("userName eq \"alice@acme.example\"", USERS));
        assertEquals(new ScimFilter("externalid", "e-1"), ScimFilter.parse("  externalId EQ \"e-1\" ", USERS));
        assertEquals(
                new ScimFilter("username", "say \"hi\" \\ bye"),
                ScimFilter.parse("userName eq \"say \\\"hi\\\" \\\\ bye\"", USERS));
        assertEquals(new ScimFilter("username", ""), ScimFilter.parse("userName eq \"\"", USERS));
    }

    @Test
    void refusesWhatItDoesNotEvaluateInsteadOfAnsweringWrongly() {
        for (String filter : new String[] {
            "userName co \"ali\"",
            "userName eq \"a\" and active eq true",
            "active eq true",
            "userName eq alice",
            "userName pr",
            "phoneNumbers eq \"1\"",
            "",
            "userName eq \"a\" or userName eq \"b\""
        }) {
            QuorumException refused =
                    assertThrows(QuorumException.class, () -> ScimFilter.parse(filter, USERS), filter);
            assertEquals(QuorumError.SCIM_INVALID_FILTER, refused.error(), filter);
        }
    }
}
