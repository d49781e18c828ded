package dev.quorum.platform.control;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Quiets the container's loggers that report expected refusals as stack traces: Payara's MP-JWT identity
 * store logs every invalid bearer token at INFO with a 50-line stack, so 200 bad tokens a second wrote
 * 11,000 lines. Quorum answers, counts ({@code quorum_handshakes_refused_total}) and logs those refusals
 * itself, one line per reason and interval; the container still logs its warnings.
 */
public final class ContainerLogLevels {

    /** Held: the logging framework keeps loggers only weakly, and a collected one forgets its level. */
    private static final List<Logger> QUIETED =
            List.of(Logger.getLogger("fish.payara.microprofile.jwtauth.eesecurity.SignedJWTIdentityStore"));

    private ContainerLogLevels() {}

    public static void apply() {
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
    }
}
