package dev.quorum.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quorum.admin.control.AdminCommand.Broadcast;
import dev.quorum.admin.control.AdminCommand.NewRoom;
import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.JsonText;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.routing.control.Priority;
import org.junit.jupiter.api.Test;

class AdminCommandTest {

    private static Fields fields(String json) {
        return Fields.of(JsonText.parseObject(json, "body"));
    }

    @Test
    void accessRolesComeAsAnArrayOrCommaSeparated() {
        String base = "{\"kind\":\"division\",\"name\":\" Board \",\"accessRule\":\"roles\",\"accessRoles\":";
        assertEquals(
                "chair,admin",
                NewRoom.decode(fields(base + "[\"chair\",\"admin\",\"chair\"]}"))
                        .accessRoles());
        assertEquals(
                "chair,admin",
                NewRoom.decode(fields(base + "\"chair, admin\"}")).accessRoles());
        assertEquals("Board", NewRoom.decode(fields(base + "\"chair\"}")).name());
        assertNull(NewRoom.decode(fields("{\"kind\":\"division\",\"name\":\"B\",\"accessRule\":\"organization\"}"))
                .accessRoles());
        for (String bad : new String[] {"[]", "\"\"", "[\"Chair\"]", "[1]", "\"chair,,admin\"", "{}"}) {
            QuorumException refusal =
                    assertThrows(QuorumException.class, () -> NewRoom.decode(fields(base + bad + "}")));
            assertEquals(QuorumError.INVALID_MESSAGE, refusal.error());
        }
    }

    @Test
    void aBroadcastIsHighUnlessToldAndItsTextIsSanitized() {
        Broadcast broadcast = Broadcast.decode(fields("{\"text\":\"<b>Fire drill</b><script>x()</script>\"}"));
        assertEquals(Priority.HIGH, broadcast.priority());
        assertNull(broadcast.room());
        assertEquals("<b>Fire drill</b>", broadcast.text());
        assertEquals(
                QuorumError.INVALID_MESSAGE,
                assertThrows(
                                QuorumException.class,
                                () -> Broadcast.decode(fields("{\"text\":\"x\",\"priority\":\"urgent\"}")))
                        .error());
    }
}
