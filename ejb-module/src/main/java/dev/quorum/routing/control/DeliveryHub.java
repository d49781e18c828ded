package dev.quorum.routing.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;

/**
 * The bridge from the services to the connections. CDI events fired in the EJB module do not reach
 * observers in the web module of an EAR, so the web module registers its {@link DeliverySink} here at
 * start-up; {@link DeliveryOnCommit} hands it every committed change. The same path serves the single
 * WAR, so both packagings deliver alike.
 */
@ApplicationScoped
public class DeliveryHub {

    private static final Logger LOG = Logger.getLogger(DeliveryHub.class.getName());

    private volatile DeliverySink sink;

    public void register(DeliverySink sink) {
        this.sink = sink;
        LOG.info(() -> "Delivery registered: " + sink.getClass().getSimpleName());
    }

    /** The registered sink; before the web module started, a sink that keeps nothing (nobody is connected). */
    DeliverySink sink() {
        DeliverySink current = sink;
        return current != null ? current : NOBODY_CONNECTED;
    }

    private static final DeliverySink NOBODY_CONNECTED = new DeliverySink() {
        @Override
        public void messageCommitted(MessageCommitted committed) {}

        @Override
        public void accessRevoked(RoomAccessRevoked revoked) {}

        @Override
        public void organizationNotice(OrganizationNotice notice) {}

        @Override
        public void roleNotice(RoleNotice notice) {}

        @Override
        public void memberDisconnected(MemberDisconnected disconnected) {}

        @Override
        public void organizationClosed(OrganizationClosed closed) {}
    };
}
