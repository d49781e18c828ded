package dev.quorum.admin.control;

import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.routing.control.ChatText;
import dev.quorum.routing.control.Priority;
import jakarta.json.JsonString;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** The bodies of the administration API, one record each, decoded and validated at the edge. */
public sealed interface AdminCommand {

    /** To one room when {@code room} is set, else to every connection of the organization. */
    record Broadcast(Long room, Priority priority, String text) implements AdminCommand {
        public static Broadcast decode(Fields fields) {
            String priority = fields.optionalText("priority", 20);
            return new Broadcast(
                    fields.optionalId("room"),
                    priority == null
                            ? Priority.HIGH
                            : Priority.fromWire(priority)
                                    .orElseThrow(() -> new QuorumException(
                                            QuorumError.INVALID_MESSAGE,
                                            "'priority' must be critical, high, normal or low.")),
                    ChatText.sanitize(fields.text("text", ChatText.MAX_LENGTH)));
        }
    }

    /**
     * A new room. {@code accessRoles} (for a roles room) is a JSON array of role names, or the same names
     * comma separated in one string.
     */
    record NewRoom(String kind, String name, String accessRule, String accessRoles, boolean confidential)
            implements AdminCommand {

        private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

        public static NewRoom decode(Fields fields) {
            return new NewRoom(
                    fields.text("kind", 20),
                    fields.text("name", 200).strip(),
                    fields.text("accessRule", 20),
                    accessRoles(fields),
                    Boolean.TRUE.equals(fields.optionalFlag("confidential")));
        }

        private static String accessRoles(Fields fields) {
            if (!fields.has("accessRoles")) {
                return null;
            }
            List<String> roles = fields.raw("accessRoles") instanceof JsonString
                    ? Arrays.stream(fields.text("accessRoles", 400).split(","))
                            .map(String::strip)
                            .toList()
                    : fields.optionalStrings("accessRoles", 40);
            if (roles.isEmpty()
                    || !roles.stream().allMatch(role -> ROLE.matcher(role).matches())) {
                throw new QuorumException(
                        QuorumError.INVALID_MESSAGE,
                        "'accessRoles' must name one or more roles (lower-case letters, digits, '_' or '-').");
            }
            return String.join(",", roles.stream().distinct().toList());
        }
    }

    /** A new organization: its slug (the {@code org} claim of its members' tokens) and its name. */
    record NewOrganization(String slug, String name) implements AdminCommand {

        private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

        public static NewOrganization decode(Fields fields) {
            String slug = fields.text("slug", 63);
            if (!SLUG.matcher(slug).matches()) {
                throw new QuorumException(
                        QuorumError.INVALID_MESSAGE,
                        "'slug' must be 2 to 63 lower-case letters, digits or '-', starting with a letter or digit.");
            }
            return new NewOrganization(slug, fields.text("name", 200).strip());
        }
    }

    /** A provisioning token for an organization's identity provider, with a label saying which one. */
    record NewProvisioningToken(String label) implements AdminCommand {
        public static NewProvisioningToken decode(Fields fields) {
            return new NewProvisioningToken(fields.text("label", 100).strip());
        }
    }
}
