package dev.quorum.routing.control;

/**
 * What reaches connections: implemented by the web module, which holds them, and registered with the
 * {@link DeliveryHub} at start-up. Every call comes after the change committed.
 */
public interface DeliverySink {

    void messageCommitted(MessageCommitted committed);

    void accessRevoked(RoomAccessRevoked revoked);

    void organizationNotice(OrganizationNotice notice);

    void roleNotice(RoleNotice notice);

    void memberDisconnected(MemberDisconnected disconnected);

    void organizationClosed(OrganizationClosed closed);
}
