package dev.quorum.broker;

import java.util.Locale;

/**
 * What a connection may do on the broker. Quorum itself (the resource adapter's user) may do everything; an
 * integration, authenticated as one organization's, may send to the inbound queues and the request queue, read
 * its organization's event topic and the temporary queues replies come on — nothing else: not the analysis
 * queue, not another organization's events, not the dead-letter queue.
 */
public record Grants(String user, String organizationSlug, boolean quorum) {

    public static final String INBOUND_TRANSCRIPT = "quorum.inbound.transcript";
    public static final String INBOUND_NOTIFICATION = "quorum.inbound.notification";
    public static final String REQUESTS = "quorum.requests";
    public static final String EVENTS_PREFIX = "quorum.events.";

    public static Grants quorum(String user) {
        return new Grants(user, null, true);
    }

    public static Grants integration(String user, String organizationSlug) {
        return new Grants(user, organizationSlug, false);
    }

    /** @param queue whether the destination is a queue (else a topic) */
    public boolean maySendTo(String destination, boolean queue, boolean temporary) {
        if (quorum || temporary) {
            return true;
        }
        return queue
                && (INBOUND_TRANSCRIPT.equals(destination)
                        || INBOUND_NOTIFICATION.equals(destination)
                        || REQUESTS.equals(destination));
    }

    public boolean mayReceiveFrom(String destination, boolean queue, boolean temporary) {
        if (quorum || temporary) {
            return true;
        }
        if (queue) {
            return false;
        }
        // OpenWire clients watch advisory topics to learn of temporary destinations
        return destination.equals(EVENTS_PREFIX + organizationSlug.toLowerCase(Locale.ROOT))
                || destination.startsWith("ActiveMQ.Advisory.TempQueue")
                || destination.startsWith("ActiveMQ.Advisory.TempTopic");
    }

    /** Creating a destination by using it: only what it may use anyway. */
    public boolean mayCreate(String destination, boolean queue, boolean temporary) {
        return maySendTo(destination, queue, temporary)
                || mayReceiveFrom(destination, queue, temporary)
                || (!queue && destination.startsWith("ActiveMQ.Advisory."));
    }
}
