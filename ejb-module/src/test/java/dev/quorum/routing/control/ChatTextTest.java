package dev.quorum.routing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class ChatTextTest {

    @Test
    void removesScriptsAndEventHandlers() {
        String clean = ChatText.sanitize("Hi <script>alert(1)</script><img src=x onerror=alert(2)><b>bold</b>");
        assertFalse(clean.contains("script"), clean);
        assertFalse(clean.contains("onerror"), clean);
        assertEquals("Hi <b>bold</b>", clean);
    }

    @Test
    void keepsPlainTextReadable() {
        assertEquals("Motion carried 5 to 2", ChatText.sanitize("Motion carried 5 to 2"));
    }
}
