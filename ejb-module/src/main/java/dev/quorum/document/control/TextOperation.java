package dev.quorum.document.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An edit of a text in the text-unicode format of ShareDB's {@code ot-text-unicode} type, so its clients
 * interoperate: a list of components, each a {@link Retain skip} over characters, an {@link Insert insert}
 * of text or a {@link Delete delete} of characters, applied from the start of the text. Lengths count
 * Unicode code points, never UTF-16 units: an emoji is one character and is never split.
 *
 * <p>Operations are kept normalized as that type keeps them: no empty component, no two adjacent
 * components of one kind, no skip at the end. Apply, transform, compose and position transform follow its
 * definitions, so a Java server and JavaScript clients agree on every result.
 */
public final class TextOperation {

    /** One part of an operation. */
    public sealed interface Component permits Retain, Insert, Delete {
        /** How many characters of the text before the operation this component covers. */
        int consumed();
    }

    /** Skips this many characters, keeping them. */
    public record Retain(int count) implements Component {
        public Retain {
            if (count <= 0) {
                throw new IllegalArgumentException("a skip must be positive");
            }
        }

        @Override
        public int consumed() {
            return count;
        }
    }

    /** Inserts this text; its length in code points is computed once. */
    public record Insert(String text, int length) implements Component {
        public Insert(String text) {
            this(text, text.codePointCount(0, text.length()));
        }

        public Insert {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("an insert must not be empty");
            }
        }

        @Override
        public int consumed() {
            return 0;
        }
    }

    /** Deletes this many characters. */
    public record Delete(int count) implements Component {
        public Delete {
            if (count <= 0) {
                throw new IllegalArgumentException("a delete must be positive");
            }
        }

        @Override
        public int consumed() {
            return count;
        }
    }

    /** Which of two inserts at one position goes first when transforming. */
    public enum Side {
        /** This operation's insert goes first (it is left of the other's). */
        LEFT,
        /** The other operation's insert goes first. */
        RIGHT
    }

    private static final TextOperation NOOP = new TextOperation(List.of());

    private final List<Component> components;

    private TextOperation(List<Component> components) {
        this.components = components;
    }

    public static TextOperation noop() {
        return NOOP;
    }

    /** The normalized operation of these components, in order. */
    public static TextOperation of(List<? extends Component> components) {
        Builder builder = new Builder();
        components.forEach(builder::append);
        return builder.build();
    }

    public static TextOperation of(Component... components) {
        return of(List.of(components));
    }

    public List<Component> components() {
        return components;
    }

    public boolean isNoop() {
        return components.isEmpty();
    }

    /** The length the text must at least have: every skip and delete lies inside it. */
    public int baseLength() {
        int length = 0;
        for (Component c : components) {
            length += c.consumed();
        }
        return length;
    }

    /**
     * The text after this operation. Refused when the operation does not fit the text: a skip or delete past
     * its end.
     */
    public String apply(String text) {
        int codePoints = text.codePointCount(0, text.length());
        if (baseLength() > codePoints) {
            throw new IllegalArgumentException(
                    String.format("the operation covers %d characters; the text has %d", baseLength(), codePoints));
        }
        StringBuilder result = new StringBuilder(text.length() + 16);
        int at = 0; // UTF-16 index into text
        for (Component c : components) {
            if (c instanceof Retain retain) {
                int end = text.offsetByCodePoints(at, retain.count());
                result.append(text, at, end);
                at = end;
            } else if (c instanceof Insert insert) {
                result.append(insert.text());
            } else {
                at = text.offsetByCodePoints(at, ((Delete) c).count());
            }
        }
        result.append(text, at, text.length());
        return result.toString();
    }

    /**
     * This operation changed to apply after {@code other}, both made against the same text: the results of
     * {@code a.then(b.transform(a, ...))} and {@code b.then(a.transform(b, ...))} are the same text. Where
     * both insert at one position, {@code side} LEFT puts this operation's insert first.
     */
    public TextOperation transform(TextOperation other, Side side) {
        Builder result = new Builder();
        Taker mine = new Taker(this);
        for (Component theirs : other.components) {
            if (theirs instanceof Retain retain) {
                int n = retain.count();
                while (n > 0) {
                    Component chunk = mine.take(n, Indivisible.INSERT);
                    result.append(chunk);
                    n -= chunk.consumed();
                }
            } else if (theirs instanceof Insert insert) {
                if (side == Side.LEFT && mine.peek() instanceof Insert) {
                    result.append(mine.take(-1, Indivisible.NONE));
                }
                result.append(new Retain(insert.length()));
            } else {
                int n = ((Delete) theirs).count();
                while (n > 0) {
                    Component chunk = mine.take(n, Indivisible.INSERT);
                    if (chunk instanceof Insert) {
                        result.append(chunk); // what I insert survives their delete
                    } else {
                        n -= chunk.consumed(); // what they deleted I no longer skip or delete
                    }
                }
            }
        }
        for (Component rest = mine.take(-1, Indivisible.NONE); rest != null; rest = mine.take(-1, Indivisible.NONE)) {
            result.append(rest);
        }
        return result.build();
    }

    /** One operation with the effect of this one followed by {@code next}. */
    public TextOperation compose(TextOperation next) {
        Builder result = new Builder();
        Taker first = new Taker(this);
        for (Component c : next.components) {
            if (c instanceof Retain retain) {
                int n = retain.count();
                while (n > 0) {
                    Component chunk = first.take(n, Indivisible.DELETE);
                    result.append(chunk);
                    if (!(chunk instanceof Delete)) {
                        n -= length(chunk);
                    }
                }
            } else if (c instanceof Insert) {
                result.append(c);
            } else {
                int n = ((Delete) c).count();
                while (n > 0) {
                    Component chunk = first.take(n, Indivisible.DELETE);
                    if (chunk instanceof Retain retain) {
                        result.append(new Delete(retain.count()));
                        n -= retain.count();
                    } else if (chunk instanceof Insert insert) {
                        n -= insert.length(); // inserted, then deleted: nothing
                    } else {
                        result.append(chunk);
                    }
                }
            }
        }
        for (Component rest = first.take(-1, Indivisible.NONE); rest != null; rest = first.take(-1, Indivisible.NONE)) {
            result.append(rest);
        }
        return result.build();
    }

    /**
     * Where a cursor (a position between characters) lies after this operation. A cursor moves right past
     * text inserted before it, but not past text inserted exactly where it is; inside deleted text it moves
     * to where the deletion was.
     */
    public int transformPosition(int cursor) {
        return transformPosition(cursor, false);
    }

    /**
     * Like {@link #transformPosition(int)}, but when {@code pushedByInsertsHere} text inserted exactly at
     * the position goes before it: the start of a locked section stays after what others add in front.
     */
    public int transformPosition(int cursor, boolean pushedByInsertsHere) {
        int position = 0;
        for (int i = 0;
                i < components.size() && (cursor > position || (pushedByInsertsHere && cursor == position));
                i++) {
            Component c = components.get(i);
            if (c instanceof Retain retain) {
                position += retain.count();
            } else if (c instanceof Insert insert) {
                position += insert.length();
                cursor += insert.length();
            } else {
                cursor -= Math.min(((Delete) c).count(), cursor - position);
            }
        }
        return cursor;
    }

    /**
     * Whether applying this operation changes any character in [start, end) of the text, or inserts text
     * strictly inside it.
     */
    public boolean touches(int start, int end) {
        int position = 0;
        for (Component c : components) {
            if (position >= end) {
                return false;
            }
            if (c instanceof Retain retain) {
                position += retain.count();
            } else if (c instanceof Insert) {
                if (position > start && position < end) {
                    return true;
                }
            } else {
                int deleteEnd = position + ((Delete) c).count();
                if (deleteEnd > start && position < end) {
                    return true;
                }
                position = deleteEnd;
            }
        }
        return false;
    }

    private static int length(Component c) {
        if (c instanceof Insert insert) {
            return insert.length();
        }
        return c.consumed();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TextOperation operation && components.equals(operation.components);
    }

    @Override
    public int hashCode() {
        return Objects.hash(components);
    }

    @Override
    public String toString() {
        return components.toString();
    }

    private enum Indivisible {
        NONE,
        INSERT,
        DELETE
    }

    /** Takes an operation's components piece by piece, splitting them where asked. */
    private static final class Taker {
        private final List<Component> components;
        private int index;
        private int offset; // code points of the current component already taken

        Taker(TextOperation operation) {
            this.components = operation.components;
        }

        Component peek() {
            return index < components.size() ? components.get(index) : null;
        }

        /**
         * Up to n characters of the current component (all of it when n is -1, or when it is of the
         * indivisible kind). Past the end, an operation keeps the rest of the text: a skip of n, or null
         * when all is asked for.
         */
        Component take(int n, Indivisible indivisible) {
            if (index == components.size()) {
                return n == -1 ? null : new Retain(n);
            }
            Component c = components.get(index);
            if (c instanceof Retain retain) {
                int left = retain.count() - offset;
                if (n == -1 || left <= n) {
                    next();
                    return new Retain(left);
                }
                offset += n;
                return new Retain(n);
            }
            if (c instanceof Insert insert) {
                int left = insert.length() - offset;
                if (n == -1 || indivisible == Indivisible.INSERT || left <= n) {
                    String text = insert.text();
                    Insert part =
                            offset == 0 ? insert : new Insert(text.substring(text.offsetByCodePoints(0, offset)), left);
                    next();
                    return part;
                }
                String text = insert.text();
                int from = text.offsetByCodePoints(0, offset);
                Insert part = new Insert(text.substring(from, text.offsetByCodePoints(from, n)), n);
                offset += n;
                return part;
            }
            int left = ((Delete) c).count() - offset;
            if (n == -1 || indivisible == Indivisible.DELETE || left <= n) {
                next();
                return new Delete(left);
            }
            offset += n;
            return new Delete(n);
        }

        private void next() {
            index++;
            offset = 0;
        }
    }

    /** Appends components, merging neighbours of one kind; build() drops a trailing skip. */
    static final class Builder {
        private final List<Component> components = new ArrayList<>();

        Builder append(Component c) {
            if (components.isEmpty()) {
                components.add(c);
                return this;
            }
            Component last = components.get(components.size() - 1);
            if (last instanceof Retain a && c instanceof Retain b) {
                components.set(components.size() - 1, new Retain(a.count() + b.count()));
            } else if (last instanceof Insert a && c instanceof Insert b) {
                components.set(components.size() - 1, new Insert(a.text() + b.text(), a.length() + b.length()));
            } else if (last instanceof Delete a && c instanceof Delete b) {
                components.set(components.size() - 1, new Delete(a.count() + b.count()));
            } else {
                components.add(c);
            }
            return this;
        }

        TextOperation build() {
            if (!components.isEmpty() && components.get(components.size() - 1) instanceof Retain) {
                components.remove(components.size() - 1);
            }
            return components.isEmpty() ? NOOP : new TextOperation(Collections.unmodifiableList(components));
        }
    }
}
