package dev.quorum.integration.control;

import jakarta.ejb.ApplicationException;

/**
 * An inbound message Quorum will not act on, and why: it goes to the dead-letter queue with this reason (the
 * broker keeps it in {@code dlqDeliveryFailureCause}), and is audited.
 */
@ApplicationException(rollback = true)
public class InboundRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InboundRefused(String reason) {
        super(reason);
    }
}
