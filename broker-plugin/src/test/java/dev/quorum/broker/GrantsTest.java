package dev.quorum.broker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GrantsTest {

    final Grants acme = Grants.integration("acme.stt", "acme");

    @Test
    void anIntegrationSendsOnlyToTheInboundQueues() {
        assertTrue(acme.maySendTo("quorum.inbound.transcript", true, false));
        assertTrue(acme.maySendTo("quorum.inbound.notification", true, false));
        assertTrue(acme.maySendTo("quorum.requests", true, false));
        assertTrue(acme.maySendTo("ID:xyz-1:1", true, true));
        assertFalse(acme.maySendTo("quorum.analysis", true, false));
        assertFalse(acme.maySendTo("quorum.events.acme", false, false));
        assertFalse(acme.maySendTo("quorum.inbound.transcript", false, false), "a topic of that name is not the queue");
        assertFalse(acme.maySendTo("ActiveMQ.DLQ", true, false));
    }

    @Test
    void anIntegrationReadsOnlyItsOrganizationsEvents() {
        assertTrue(acme.mayReceiveFrom("quorum.events.acme", false, false));
        assertFalse(acme.mayReceiveFrom("quorum.events.globex", false, false));
        assertFalse(acme.mayReceiveFrom("quorum.events.>", false, false));
        assertFalse(acme.mayReceiveFrom("quorum.inbound.transcript", true, false));
        assertFalse(acme.mayReceiveFrom("ActiveMQ.DLQ", true, false));
        assertTrue(acme.mayReceiveFrom("ActiveMQ.Advisory.TempQueue", false, false));
    }

    @Test
    void quorumMayDoEverything() {
        Grants quorum = Grants.quorum("quorum");
        assertTrue(quorum.maySendTo("quorum.events.acme", false, false));
        assertTrue(quorum.mayReceiveFrom("quorum.analysis", true, false));
    }
}
