package dev.quorum.it;

import dev.quorum.document.control.TextOperation;
import dev.quorum.document.control.TextOperation.Component;
import dev.quorum.document.control.TextOperation.Delete;
import dev.quorum.document.control.TextOperation.Insert;
import dev.quorum.document.control.TextOperation.Retain;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random edits of a text as typing produces them, with emoji, accents and line breaks. */
final class RandomEdits {

    private static final String[] PIECES = {"a", "b", "c", " ", "\n", "\uD83D\uDC4D", "\u00E9", "e\u0301", "\u4E2D", "#"
    };

    private RandomEdits() {}

    /** An insert, a delete (often overlapping others') or both, somewhere in the text. */
    static TextOperation operation(Random random, String text) {
        int length = text.codePointCount(0, text.length());
        List<Component> components = new ArrayList<>();
        int at = length == 0 ? 0 : random.nextInt(length + 1);
        if (at > 0) {
            components.add(new Retain(at));
        }
        int left = length - at;
        boolean deletes = left > 0 && random.nextInt(3) == 0;
        if (deletes) {
            components.add(new Delete(1 + random.nextInt(Math.min(left, 6))));
        }
        if (!deletes || random.nextInt(4) != 0) {
            StringBuilder inserted = new StringBuilder();
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                inserted.append(PIECES[random.nextInt(PIECES.length)]);
            }
            components.add(new Insert(inserted.toString()));
        }
        return TextOperation.of(components);
    }
}
