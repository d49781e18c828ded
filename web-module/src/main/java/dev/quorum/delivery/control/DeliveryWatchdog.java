package dev.quorum.delivery.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.limits.control.Limits;
import dev.quorum.platform.control.RereadSetting;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps connections honest: pings every client regularly, closes connections that leave a ping
 * unanswered for a ping interval (a dead transport, reset without a close) or from which nothing arrived
 * for the idle time, and closes connections whose high or critical messages wait
 * too long, since such a client is better off reconnecting and resuming than receiving urgent news late.
 */
@Singleton
public class DeliveryWatchdog {

    private static final Logger LOG = Logger.getLogger(DeliveryWatchdog.class.getName());

    /** An upgrade reaches the endpoint's open within milliseconds; a place held this long never will be. */
    private static final long UNCLAIMED_PLACE_NANOS = Duration.ofSeconds(30).toNanos();
    /**
     * How long a requested close waits for the client's pong (or any frame) before it is done from here: a
     * live client answers within a round trip; one that does not is not sending either.
     */
    private static final long CLOSE_ANSWER_NANOS = Duration.ofSeconds(2).toNanos();

    @Inject
    ConnectionRegistry registry;

    @Inject
    Limits limits;

    @Inject
    RoutingMetrics metrics;

    @Inject
    @ConfigProperty(name = "quorum.delivery.urgent-timeout-seconds", defaultValue = "10")
    long urgentTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "quorum.connection.ping-seconds", defaultValue = "25")
    long pingSeconds;

    @Inject
    @ConfigProperty(name = "quorum.connection.idle-seconds", defaultValue = "300")
    long idleSeconds;

    @Inject
    @ConfigProperty(name = "quorum.connection.credential-grace-seconds", defaultValue = "30")
    Provider<Long> credentialGraceSeconds;

    /** Read per expired connection and sweep: reread every few seconds, not asked of Payara each time. */
    private final RereadSetting<Long> currentCredentialGraceSeconds =
            new RereadSetting<>(() -> credentialGraceSeconds.get());

    @Schedule(hour = "*", minute = "*", persistent = false)
    void forgetIdleLimits() {
        limits.forgetIdle();
    }

    /**
     * A connection outlives its credential by a grace period only: at expiry it is told
     * ({@code auth.expired}), after the grace it is closed with 4001 unless an {@code auth.refresh} came.
     */
    private boolean credentialOverdue(LiveConnection connection) {
        Instant expiresAt = connection.identity().credentialExpiresAt();
        Instant now = Instant.now();
        if (expiresAt == null || now.isBefore(expiresAt)) {
            return false;
        }
        Instant closesAt = expiresAt.plusSeconds(currentCredentialGraceSeconds.get());
        if (now.isBefore(closesAt)) {
            if (connection.announceExpiry()) {
                connection.sendControl(MessageFrames.envelope(
                        "auth.expired",
                        null,
                        JSON.createObjectBuilder()
                                .add("credentialExpiredAt", expiresAt.toString())
                                .add("closesAt", closesAt.toString())));
            }
            return false;
        }
        LOG.info(() -> String.format(
                "Closing session=%s member=%s: credential expired at %s and was not refreshed",
                connection.id(), connection.identity().logName(), expiresAt));
        connection.requestClose(CloseCodes.CREDENTIAL_EXPIRED.reason());
        metrics.closed(CloseCodes.CREDENTIAL_EXPIRED);
        return true;
    }

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void closeOverdueConnections() {
        long limit = Duration.ofSeconds(urgentTimeoutSeconds).toNanos();
        long idle = Duration.ofSeconds(idleSeconds).toNanos();
        long ping = Duration.ofSeconds(pingSeconds).toNanos();
        int unclaimed = registry.releaseUnclaimed(System.nanoTime(), UNCLAIMED_PLACE_NANOS);
        if (unclaimed > 0) {
            LOG.info(() ->
                    unclaimed + " connection places reserved by handshakes whose connection never opened were freed");
        }
        for (LiveConnection connection : registry.all()) {
            if (connection.closeRequested()) {
                if (connection.closeIfRequestUnanswered(CLOSE_ANSWER_NANOS)) {
                    // as for an unanswered ping: a transport that answers nothing may never report the close
                    registry.remove(connection);
                }
                continue;
            }
            if (connection.idleLongerThan(idle)) {
                LOG.info(() -> String.format(
                        "Closing session=%s member=%s: nothing received for %d s",
                        connection.id(), connection.identity().logName(), idleSeconds));
                connection.close(
                        new jakarta.websocket.CloseReason(jakarta.websocket.CloseReason.CloseCodes.GOING_AWAY, "idle"));
                continue;
            }
            if (connection.pingUnanswered(ping)) {
                LOG.info(() -> String.format(
                        "Closing session=%s member=%s: no answer to a ping for %d s",
                        connection.id(), connection.identity().logName(), pingSeconds));
                connection.close(new jakarta.websocket.CloseReason(
                        jakarta.websocket.CloseReason.CloseCodes.GOING_AWAY, "no answer to ping"));
                // a dead transport may never report its close: its places are free now, not when it does
                registry.remove(connection);
                continue;
            }
            if (credentialOverdue(connection)) {
                continue;
            }
            connection.pingIfDue(ping);
            if (connection.urgentOverdue(limit)) {
                LOG.info(() -> String.format(
                        "Closing session=%s member=%s: urgent messages waited over %d s",
                        connection.id(), connection.identity().logName(), urgentTimeoutSeconds));
                connection.requestClose(CloseCodes.DELIVERY_TIMEOUT.reason());
                metrics.closed(CloseCodes.DELIVERY_TIMEOUT);
            }
        }
    }
}
