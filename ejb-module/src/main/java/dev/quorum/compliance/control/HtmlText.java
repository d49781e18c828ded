package dev.quorum.compliance.control;

import java.util.List;
import java.util.Map;

/**
 * The text a reader sees in sanitized HTML (a chat message: tags dropped, entities such as {@code &#64;}
 * decoded), with where each of its characters came from, so that rules read what people read and a match
 * is masked in the HTML as stored.
 */
final class HtmlText {

    private static final Map<String, String> NAMED =
            Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ");

    final String plain;
    private final String html;
    private final int[] from;
    private final int[] to;

    private HtmlText(String html, String plain, int[] from, int[] to) {
        this.html = html;
        this.plain = plain;
        this.from = from;
        this.to = to;
    }

    static HtmlText of(String html) {
        StringBuilder plain = new StringBuilder(html.length());
        int[] from = new int[html.length() + 1];
        int[] to = new int[html.length() + 1];
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int close = html.indexOf('>', i);
                i = close < 0 ? html.length() : close + 1;
                continue;
            }
            String decoded = null;
            int end = i + 1;
            if (c == '&') {
                int semicolon = html.indexOf(';', i);
                if (semicolon > i && semicolon - i <= 10) {
                    decoded = entity(html.substring(i + 1, semicolon));
                    end = semicolon + 1;
                }
            }
            if (decoded == null) {
                decoded = String.valueOf(c);
                end = i + 1;
            }
            for (int k = 0; k < decoded.length(); k++) {
                from[plain.length()] = i;
                to[plain.length()] = end;
                plain.append(decoded.charAt(k));
            }
            i = end;
        }
        return new HtmlText(html, plain.toString(), from, to);
    }

    /** The HTML with the characters behind the given spans of the plain text masked (whitespace kept). */
    String mask(List<Match> matches) {
        if (matches.isEmpty()) {
            return html;
        }
        boolean[] hidden = new boolean[html.length()];
        for (Match match : matches) {
            for (int p = match.start(); p < match.end(); p++) {
                if (!Character.isWhitespace(plain.charAt(p))) {
                    for (int h = from[p]; h < to[p]; h++) {
                        hidden[h] = true;
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder(html.length());
        for (int h = 0; h < html.length(); ) {
            if (hidden[h]) {
                out.append('•');
                // one bullet for a whole entity or surrogate pair
                int start = h;
                while (h < html.length() && hidden[h] && sameSource(start, h)) {
                    h++;
                }
            } else {
                out.append(html.charAt(h));
                h++;
            }
        }
        return out.toString();
    }

    /** Whether html index h belongs to the same decoded character as index start. */
    private boolean sameSource(int start, int h) {
        if (h == start) {
            return true;
        }
        if (html.charAt(start) == '&') {
            int semicolon = html.indexOf(';', start);
            return h <= semicolon;
        }
        return Character.isHighSurrogate(html.charAt(start)) && h == start + 1;
    }

    private static String entity(String name) {
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
            }
            if (name.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(1))));
            }
        } catch (IllegalArgumentException notANumber) {
            return null;
        }
        return NAMED.get(name);
    }
}
