package dev.quorum.document.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quorum.document.control.TextOperation.Component;
import dev.quorum.document.control.TextOperation.Delete;
import dev.quorum.document.control.TextOperation.Insert;
import dev.quorum.document.control.TextOperation.Retain;
import dev.quorum.document.control.TextOperation.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The text-unicode operation: apply, transform, compose and cursors, counted in code points. */
class TextOperationTest {

    private static final String THUMBS = "\uD83D\uDC4D"; // one code point, two UTF-16 units
    private static final String E_ACUTE = "e\u0301"; // e and a combining acute accent: two code points

    private static TextOperation op(Object... parts) {
        List<Component> components = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Integer n) {
                components.add(new Retain(n));
            } else if (part instanceof String s) {
                components.add(new Insert(s));
            } else {
                components.add(new Delete(((int[]) part)[0]));
            }
        }
        return TextOperation.of(components);
    }

    private static int[] d(int n) {
        return new int[] {n};
    }

    @Test
    void appliesSkipsInsertsAndDeletes() {
        assertEquals("hello world", op(5, " world").apply("hello"));
        assertEquals("hi", op("hi", d(5)).apply("hello"));
        assertEquals("help", op(3, d(2), "p").apply("hello"));
        assertEquals("hello", TextOperation.noop().apply("hello"));
    }

    @Test
    void countsCodePointsSoAnEmojiIsOneCharacterAndNeverSplit() {
        String text = "a" + THUMBS + "b";
        assertEquals(3, op(d(3)).baseLength());
        assertEquals("a" + THUMBS + "!b", op(2, "!").apply(text));
        assertEquals("ab", op(1, d(1)).apply(text));
        assertEquals("a", op(1, d(2)).apply(text));
        // a combining mark is a character of its own, as ot-text-unicode counts it
        assertEquals("e", op(1, d(1)).apply(E_ACUTE));
        assertThrows(IllegalArgumentException.class, () -> op(4, "x").apply(text));
    }

    @Test
    void refusesAnOperationThatDoesNotFitTheText() {
        assertThrows(IllegalArgumentException.class, () -> op(6, "x").apply("hello"));
        assertThrows(IllegalArgumentException.class, () -> op(3, d(3)).apply("hello"));
    }

    @Test
    void normalizesAsTheTypeDoes() {
        assertEquals(
                op(3, "ab", d(2)),
                TextOperation.of(
                        new Retain(1),
                        new Retain(2),
                        new Insert("a"),
                        new Insert("b"),
                        new Delete(1),
                        new Delete(1),
                        new Retain(4)));
        assertTrue(op(5).isNoop());
        assertThrows(IllegalArgumentException.class, () -> new Insert(""));
        assertThrows(IllegalArgumentException.class, () -> new Retain(0));
    }

    @Test
    void transformsInsertsAtOnePositionByTheirSide() {
        TextOperation mine = op(1, "a");
        TextOperation theirs = op(1, "b");
        assertEquals(op(1, "a"), mine.transform(theirs, Side.LEFT));
        assertEquals(op(2, "a"), mine.transform(theirs, Side.RIGHT));
        String text = "xy";
        String viaMine = theirs.transform(mine, Side.RIGHT).apply(mine.apply(text));
        String viaTheirs = mine.transform(theirs, Side.LEFT).apply(theirs.apply(text));
        assertEquals("xaby", viaMine);
        assertEquals(viaMine, viaTheirs);
    }

    @Test
    void overlappingDeletesDeleteOnce() {
        String text = "abcdefgh";
        TextOperation a = op(1, d(4)); // bcde
        TextOperation b = op(3, d(4)); // defg
        assertEquals(op(1, d(2)), a.transform(b, Side.LEFT));
        assertEquals(op(1, d(2)), b.transform(a, Side.RIGHT));
        assertEquals("ah", a.transform(b, Side.LEFT).apply(b.apply(text)));
        assertEquals("ah", b.transform(a, Side.RIGHT).apply(a.apply(text)));
    }

    @Test
    void anInsertInsideTextTheOtherDeletedSurvives() {
        String text = "abcdef";
        TextOperation insert = op(3, "XY");
        TextOperation delete = op(1, d(4));
        String one = delete.transform(insert, Side.RIGHT).apply(insert.apply(text));
        String two = insert.transform(delete, Side.LEFT).apply(delete.apply(text));
        assertEquals("aXYf", one);
        assertEquals(one, two);
    }

    @Test
    void composesIntoOneOperationWithTheSameEffect() {
        String text = "hello";
        TextOperation first = op(5, " world");
        TextOperation second = op(d(1), "J", 10, "!");
        assertEquals("Jello world!", second.apply(first.apply(text)));
        assertEquals("Jello world!", first.compose(second).apply(text));
        // inserted then deleted leaves nothing behind
        assertEquals(op(5, "!"), op(5, "abc").compose(op(5, d(3), "!")));
    }

    @Test
    void cursorsMoveWithEditsBeforeThemButNotWithInsertsWhereTheyAre() {
        assertEquals(7, op(1, "ab").transformPosition(5));
        assertEquals(5, op(5, "ab").transformPosition(5));
        assertEquals(1, op(1, d(10)).transformPosition(5));
        assertEquals(3, op(1, d(2)).transformPosition(5));
        assertEquals(2, op(3, d(2)).transformPosition(2));
    }

    @Test
    void aSectionStartCanBePushedByInsertsWhereItIs() {
        assertEquals(5, op(5, "ab").transformPosition(5, false));
        assertEquals(7, op(5, "ab").transformPosition(5, true));
        assertEquals(7, op(1, "ab").transformPosition(5, true));
        assertEquals(3, op(3, d(4)).transformPosition(5, true));
    }

    @Test
    void knowsWhetherItTouchesARange() {
        assertTrue(op(4, d(2)).touches(5, 8), "deletes into the range");
        assertTrue(op(6, "x").touches(5, 8), "inserts inside");
        assertTrue(!op(5, "x").touches(5, 8), "inserts at the start: outside");
        assertTrue(!op(8, "x").touches(5, 8), "inserts at the end: outside");
        assertTrue(!op(2, d(3), "y").touches(5, 8), "deletes just before");
        assertTrue(!op(8, d(2)).touches(5, 8), "deletes just after");
        assertTrue(op(d(20)).touches(5, 8));
    }

    /** TP1 and compose on random operation pairs over random texts with emoji and combining marks. */
    @Test
    void convergesOnRandomConcurrentOperations() {
        Random random = new Random(20261130L);
        for (int round = 0; round < 20_000; round++) {
            String text = randomText(random, random.nextInt(12));
            TextOperation a = randomOperation(random, text);
            TextOperation b = randomOperation(random, text);
            String afterAThenB = b.transform(a, Side.RIGHT).apply(a.apply(text));
            String afterBThenA = a.transform(b, Side.LEFT).apply(b.apply(text));
            int seedRound = round;
            assertEquals(
                    afterAThenB,
                    afterBThenA,
                    () -> "TP1 failed in round " + seedRound + " on '" + text + "' with " + a + " and " + b);
            String afterA = a.apply(text);
            TextOperation c = randomOperation(random, afterA);
            assertEquals(c.apply(afterA), a.compose(c).apply(text), () -> "compose failed in round " + seedRound);
            // transforming against a composition equals transforming against each in turn
            TextOperation bAfterAc = b.transform(a.compose(c), Side.RIGHT);
            TextOperation bAfterAThenC = b.transform(a, Side.RIGHT).transform(c, Side.RIGHT);
            assertEquals(
                    bAfterAc.apply(c.apply(afterA)),
                    bAfterAThenC.apply(c.apply(afterA)),
                    () -> "transform over a composition failed in round " + seedRound);
        }
    }

    private static final String[] PIECES = {"a", "b", "c", " ", "\n", THUMBS, "\u00E9", E_ACUTE, "\u4E2D", "#"};

    private static String randomText(Random random, int pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    private static TextOperation randomOperation(Random random, String text) {
        int length = text.codePointCount(0, text.length());
        List<Component> components = new ArrayList<>();
        int position = 0;
        while (random.nextInt(4) != 0) {
            int left = length - position;
            switch (random.nextInt(3)) {
                case 0 -> {
                    if (left > 0) {
                        int n = 1 + random.nextInt(left);
                        components.add(new Retain(n));
                        position += n;
                    }
                }
                case 1 -> {
                    if (left > 0) {
                        int n = 1 + random.nextInt(left);
                        components.add(new Delete(n));
                        position += n;
                    }
                }
                default -> components.add(new Insert(randomText(random, 1 + random.nextInt(3))));
            }
        }
        return TextOperation.of(components);
    }
}
