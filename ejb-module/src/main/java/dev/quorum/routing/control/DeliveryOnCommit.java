package dev.quorum.routing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Delivery observes only committed changes ({@code AFTER_SUCCESS}): a command that rolls back leaves no
 * frame on any socket or node, and its sequence number, reused by the next message, was never seen.
 */
@ApplicationScoped
public class DeliveryOnCommit {

    @Inject
    DeliveryHub hub;

    void message(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessageCommitted committed) {
        hub.sink().messageCommitted(committed);
    }

    void revoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) RoomAccessRevoked revoked) {
        hub.sink().accessRevoked(revoked);
    }

    void notice(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrganizationNotice notice) {
        hub.sink().organizationNotice(notice);
    }

    void roleNotice(@Observes(during = TransactionPhase.AFTER_SUCCESS) RoleNotice notice) {
        hub.sink().roleNotice(notice);
    }

    void disconnected(@Observes(during = TransactionPhase.AFTER_SUCCESS) MemberDisconnected disconnected) {
        hub.sink().memberDisconnected(disconnected);
    }

    void closed(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrganizationClosed closed) {
        hub.sink().organizationClosed(closed);
    }
}
