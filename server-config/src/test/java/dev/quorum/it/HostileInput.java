package dev.quorum.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes JSON texts that a careless or hostile client would send: valid templates mutated field by field
 * (hostile strings, wrong types, huge and negative numbers, deep nesting, missing and unknown fields), and
 * random ones (truncated, garbled, not JSON at all). Seeded, so that a failure can be replayed.
 */
final class HostileInput {

    /** JSON fragments a field may be replaced with; every one of them must be refused or handled. */
    static final List<String> VALUES = List.of(
            "\"\\u0000\"",
            "\"a\\u0000b\"",
            "\"\\ud800\"",
            "\"x\\udfff\"",
            "\"\\ufffe\"",
            "\"\\uffff\"",
            "\"\\ufdd0\"",
            "\"\\u001b[31m\"",
            "\"\\u007f\"",
            "\"\\u202egnp.exe\"",
            "\"\"",
            "\" \"",
            "\"\\t\\n\"",
            "\"👍🏽👨‍👩‍👧\"",
            "\"e\\u0301\"",
            "\"<script>alert(1)</script>\"",
            "\"<img src=x onerror=alert(1)>\"",
            "\"' OR 1=1; DROP TABLE message; --\"",
            "\"%s%n%x\"",
            "\"../../../../etc/passwd\"",
            "\"${jndi:ldap://x/a}\"",
            "\"#{7*7}\"",
            "\"-1\"",
            "\"1e999\"",
            "\"2026-13-45T99:99:99Z\"",
            "0",
            "-1",
            "1.5",
            "1e-7",
            "1e308",
            "-1e308",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890",
            "true",
            "false",
            "null",
            "[]",
            "{}",
            "[\"a\",1,null]",
            "{\"a\":{\"b\":[1,{\"c\":null}]}}",
            "[[[[[[[[[[]]]]]]]]]]");

    private static final Pattern FIELD_VALUE =
            Pattern.compile("\"([A-Za-z]+)\":(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?|true|false|null)");

    private final Random random;

    HostileInput(long seed) {
        this.random = new Random(seed);
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** The template itself (a fifth of the time), or one of many mutations of it. */
    String mutate(String template) {
        switch (random.nextInt(16)) {
            case 0, 1, 2:
                return template;
            case 3, 4, 5, 6:
                return replaceField(template, pick(VALUES));
            case 7:
                return replaceField(template, "\"" + "x".repeat(1 + random.nextInt(20_000)) + "\"");
            case 8:
                return removeField(template);
            case 9:
                return template.replaceFirst(
                        "\\{",
                        Matcher.quoteReplacement("{\"unknown" + random.nextInt(100) + "\":" + pick(VALUES) + ","));
            case 10:
                return replaceField(template, nested(1 + random.nextInt(60)));
            case 11:
                return nested(20 + random.nextInt(20_000));
            case 12:
                return template.substring(0, random.nextInt(template.length()));
            case 13:
                return garble(template);
            case 14:
                return randomText();
            default:
                // a key twice: the parser keeps one, and either must be handled
                return template.replaceFirst("\\{", Matcher.quoteReplacement("{\"type\":" + pick(VALUES) + ","));
        }
    }

    /** One field's value (anywhere in the text, nested or not) replaced by the fragment. */
    String replaceField(String json, String fragment) {
        List<int[]> values = new ArrayList<>();
        Matcher matcher = FIELD_VALUE.matcher(json);
        while (matcher.find()) {
            values.add(new int[] {matcher.start(2), matcher.end(2)});
        }
        if (values.isEmpty()) {
            return json;
        }
        int[] span = values.get(random.nextInt(values.size()));
        return json.substring(0, span[0]) + fragment + json.substring(span[1]);
    }

    private String removeField(String json) {
        List<int[]> fields = new ArrayList<>();
        Matcher matcher = FIELD_VALUE.matcher(json);
        while (matcher.find()) {
            fields.add(new int[] {matcher.start(), matcher.end()});
        }
        if (fields.isEmpty()) {
            return json;
        }
        int[] span = fields.get(random.nextInt(fields.size()));
        String removed = json.substring(0, span[0]) + json.substring(span[1]);
        return removed.replace(",,", ",").replace("{,", "{").replace(",}", "}");
    }

    private String nested(int depth) {
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return open.repeat(depth) + "1" + close.repeat(depth);
    }

    private String garble(String json) {
        char[] chars = json.toCharArray();
        for (int i = 0, n = 1 + random.nextInt(5); i < n && chars.length > 0; i++) {
            String noise = "{}[]\",:\\0xé\u0000";
            chars[random.nextInt(chars.length)] = noise.charAt(random.nextInt(noise.length()));
        }
        return new String(chars);
    }

    private String randomText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0, n = random.nextInt(200); i < n; i++) {
            int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x2FFFF) : 0x20 + random.nextInt(0x5F);
            if (Character.isValidCodePoint(codePoint) && !Character.isSurrogate((char) codePoint)) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    /** The templates with placeholders filled in. */
    static String fill(String template, Map<String, Object> values) {
        String filled = template;
        for (Map.Entry<String, Object> value : values.entrySet()) {
            filled = filled.replace("{" + value.getKey() + "}", String.valueOf(value.getValue()));
        }
        return filled;
    }
}
