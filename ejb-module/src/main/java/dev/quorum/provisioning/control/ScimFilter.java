package dev.quorum.provisioning.control;

import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one filter form identity providers send when they look a resource up before creating it
 * ({@code userName eq "alice@acme.example"}, {@code displayName eq "Chairs"}, {@code externalId eq "..."}):
 * an attribute, {@code eq}, and a quoted string. Anything else is refused as {@code invalidFilter} rather
 * than answered wrongly.
 */
public record ScimFilter(String attribute, String value) {

    private static final Pattern EQUALS =
            Pattern.compile("\\s*([A-Za-z][A-Za-z0-9._:-]*)\\s+(?i:eq)\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");

    /** The filter, with its attribute lower-cased; refused unless it is {@code attribute eq "value"} on one of {@code filterable} (lower case). */
    public static ScimFilter parse(String filter, Set<String> filterable) {
        if (filter.length() > 1000) {
            throw new QuorumException(QuorumError.SCIM_INVALID_FILTER, "The filter is longer than 1000 characters.");
        }
        Matcher matcher = EQUALS.matcher(filter);
        if (!matcher.matches()) {
            throw new QuorumException(
                    QuorumError.SCIM_INVALID_FILTER,
                    "Only filters of the form 'attribute eq \"value\"' are evaluated, on "
                            + String.join(", ", filterable.stream().sorted().toList()) + ".");
        }
        String attribute = matcher.group(1).toLowerCase(Locale.ROOT);
        if (!filterable.contains(attribute)) {
            throw new QuorumException(
                    QuorumError.SCIM_INVALID_FILTER,
                    "'" + matcher.group(1) + "' cannot be filtered on; use one of "
                            + String.join(", ", filterable.stream().sorted().toList()) + ".");
        }
        return new ScimFilter(attribute, unescape(matcher.group(2)));
    }

    private static String unescape(String quoted) {
        StringBuilder value = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                c = quoted.charAt(++i);
            }
            value.append(c);
        }
        return value.toString();
    }
}
