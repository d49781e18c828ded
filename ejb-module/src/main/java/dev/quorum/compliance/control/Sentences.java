package dev.quorum.compliance.control;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A text's sentences, found once: where the sentence around an offset starts and ends. */
final class Sentences {

    /** A sentence ends at . ! ? ; followed by space or the end (not after a title: "Mr. Patel"), or a line break. */
    private static final Pattern END = Pattern.compile("(?<!\\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|No))[.!?;](?=\\s|$)|\\n");

    private final int length;
    private final int[] ends;

    Sentences(String text) {
        length = text.length();
        Matcher end = END.matcher(text);
        int[] found = new int[8];
        int count = 0;
        while (end.find()) {
            if (count == found.length) {
                found = Arrays.copyOf(found, count * 2);
            }
            found[count++] = end.start();
        }
        ends = Arrays.copyOf(found, count);
    }

    /** [start, end) of the sentence that holds the offset, its closing mark excluded. */
    int[] around(int at) {
        int index = Arrays.binarySearch(ends, at);
        int next = index >= 0 ? index : -index - 1;
        int start = next == 0 ? 0 : ends[next - 1] + 1;
        int end = next < ends.length ? ends[next] : length;
        return new int[] {start, end};
    }
}
