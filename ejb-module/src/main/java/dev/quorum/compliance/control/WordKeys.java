package dev.quorum.compliance.control;

import java.util.Arrays;
import java.util.Locale;

/**
 * A quick test before a costly pattern: whether any word of a text (a run of ASCII letters and digits) starts
 * with one of the keys, in any case. Each pattern's keys hold, for every term it finds, the start of a word
 * the term cannot be without, so a text that passes no key holds no term. Words are hashed as they are read,
 * with nothing allocated; a hash that collides only lets the pattern run.
 */
final class WordKeys {

    private static final int SHORTEST = 2;

    private final int[] hashes;
    private final int longest;

    private WordKeys(int[] hashes, int longest) {
        this.hashes = hashes;
        this.longest = longest;
    }

    static WordKeys of(String... keys) {
        int[] hashes = Arrays.stream(keys)
                .map(key -> key.toLowerCase(Locale.ROOT))
                .peek(key -> {
                    if (key.length() < SHORTEST) {
                        throw new IllegalArgumentException("a key of one letter passes every text: " + key);
                    }
                })
                .mapToInt(String::hashCode)
                .sorted()
                .distinct()
                .toArray();
        int longest = Arrays.stream(keys).mapToInt(String::length).max().orElse(0);
        return new WordKeys(hashes, longest);
    }

    boolean anyIn(String text) {
        int at = 0;
        int length = text.length();
        while (at < length) {
            if (!isWordChar(text.charAt(at))) {
                at++;
                continue;
            }
            int hash = 0;
            int read = 0;
            while (at < length && isWordChar(text.charAt(at))) {
                if (read < longest) {
                    hash = 31 * hash + Character.toLowerCase(text.charAt(at));
                    read++;
                    if (read >= SHORTEST && Arrays.binarySearch(hashes, hash) >= 0) {
                        return true;
                    }
                }
                at++;
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
