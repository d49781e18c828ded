package dev.quorum.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.quorum.connection.control.FrameAssembler.Complete;
import dev.quorum.connection.control.FrameAssembler.Incomplete;
import dev.quorum.connection.control.FrameAssembler.Oversized;
import org.junit.jupiter.api.Test;

class FrameAssemblerTest {

    @Test
    void joinsThePartsOfAFrame() {
        var assembler = new FrameAssembler(100);
        assertInstanceOf(Incomplete.class, assembler.accept("{\"type\":", false));
        assertEquals(new Complete("{\"type\":\"ping\"}"), assembler.accept("\"ping\"}", true));
    }

    @Test
    void reportsAnOversizedFrameOnlyAtItsEndAndThenAcceptsTheNextOne() {
        var assembler = new FrameAssembler(10);
        assertInstanceOf(Incomplete.class, assembler.accept("x".repeat(8), false));
        assertInstanceOf(Incomplete.class, assembler.accept("x".repeat(8), false));
        assertEquals(new Oversized(20), assembler.accept("xxxx", true));
        assertEquals(new Complete("{}"), assembler.accept("{}", true));
    }

    @Test
    void countsBytesNotCharacters() {
        // "é" is two bytes in UTF-8, "€" three, an emoji (a surrogate pair) four
        assertEquals(2, FrameAssembler.utf8Length("é"));
        assertEquals(3, FrameAssembler.utf8Length("€"));
        assertEquals(4, FrameAssembler.utf8Length("😀"));
        var assembler = new FrameAssembler(5);
        assertEquals(new Oversized(6), assembler.accept("€€", true));
        assertEquals(new Complete("é€"), assembler.accept("é€", true));
    }

    @Test
    void aFrameExactlyAtTheLimitIsAccepted() {
        var assembler = new FrameAssembler(4);
        assertEquals(new Complete("abcd"), assembler.accept("abcd", true));
    }
}
