package dev.quorum.signin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReturnPathTest {

    @Test
    void aPageOfThisApplicationIsWhereTheBrowserReturns() {
        assertEquals("/quorum/room.html?id=7", ReturnPath.of("/quorum/room.html?id=7", "/quorum"));
    }

    @Test
    void anythingElseReturnsToTheLobby() {
        for (String next : new String[] {
            null,
            "https://evil.example/",
            "//evil.example/quorum/",
            "/other/page.html",
            "/quorum/../admin",
            "/quorum/\\\\evil.example",
            "/quorum/room.html\r\nSet-Cookie: x=y",
            "/quorum/" + "x".repeat(1000)
        }) {
            assertEquals("/quorum/lobby.html", ReturnPath.of(next, "/quorum"), String.valueOf(next));
        }
    }
}
