package dev.quorum.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.apache.activemq.broker.Broker;
import org.apache.activemq.broker.BrokerFilter;
import org.apache.activemq.broker.ConnectionContext;
import org.apache.activemq.broker.ProducerBrokerExchange;
import org.apache.activemq.broker.region.Destination;
import org.apache.activemq.broker.region.Subscription;
import org.apache.activemq.command.ActiveMQDestination;
import org.apache.activemq.command.ConnectionInfo;
import org.apache.activemq.command.ConsumerInfo;
import org.apache.activemq.command.Message;
import org.apache.activemq.command.ProducerInfo;
import org.apache.activemq.security.SecurityContext;

/** Authenticates every connection and checks every producer, consumer, send and new destination against its {@link Grants}. */
final class IntegrationBroker extends BrokerFilter {

    private static final Logger LOG = Logger.getLogger(IntegrationBroker.class.getName());

    private final Credentials credentials;
    private final String quorumUser;
    private final String quorumPassword;

    IntegrationBroker(Broker next, Credentials credentials, String quorumUser, String quorumPassword) {
        super(next);
        this.credentials = credentials;
        this.quorumUser = quorumUser;
        this.quorumPassword = quorumPassword;
    }

    /** The security context the broker keeps on the connection, carrying the grants. */
    static final class GrantedContext extends SecurityContext {
        final Grants grants;

        GrantedContext(Grants grants) {
            super(grants.user());
            this.grants = grants;
        }

        @Override
        public Set<java.security.Principal> getPrincipals() {
            return Set.of();
        }

        @Override
        public boolean isBrokerContext() {
            return grants.quorum();
        }
    }

    @Override
    public void addConnection(ConnectionContext context, ConnectionInfo info) throws Exception {
        context.setSecurityContext(new GrantedContext(authenticate(info.getUserName(), info.getPassword())));
        super.addConnection(context, info);
    }

    private Grants authenticate(String user, String password) {
        if (user == null || password == null) {
            throw new SecurityException("User name and password are required.");
        }
        if (user.equals(quorumUser)
                && MessageDigest.isEqual(
                        password.getBytes(StandardCharsets.UTF_8), quorumPassword.getBytes(StandardCharsets.UTF_8))) {
            return Grants.quorum(user);
        }
        Optional<String> organization;
        try {
            organization = credentials.organizationOf(user, password);
        } catch (SQLException e) {
            LOG.warning("Integration credentials cannot be checked (" + e.getMessage() + "); connection refused.");
            throw new SecurityException("Credentials cannot be checked right now; try again later.");
        }
        return organization
                .map(slug -> Grants.integration(user, slug))
                .orElseThrow(() -> new SecurityException("User name or password is invalid."));
    }

    private static Grants grants(ConnectionContext context) {
        if (context.getSecurityContext() instanceof GrantedContext granted) {
            return granted.grants;
        }
        // the broker's own work (advisories, redelivery, dead-lettering) carries no connection
        return Grants.quorum("broker");
    }

    @Override
    public void addProducer(ConnectionContext context, ProducerInfo info) throws Exception {
        ActiveMQDestination destination = info.getDestination();
        if (destination != null) {
            checkSend(context, destination);
        }
        super.addProducer(context, info);
    }

    @Override
    public void send(ProducerBrokerExchange exchange, Message message) throws Exception {
        checkSend(exchange.getConnectionContext(), message.getDestination());
        super.send(exchange, message);
    }

    @Override
    public Subscription addConsumer(ConnectionContext context, ConsumerInfo info) throws Exception {
        ActiveMQDestination destination = info.getDestination();
        for (ActiveMQDestination one : destination.isComposite()
                ? destination.getCompositeDestinations()
                : new ActiveMQDestination[] {destination}) {
            if (!grants(context).mayReceiveFrom(one.getPhysicalName(), one.isQueue(), one.isTemporary())) {
                throw new SecurityException(grants(context).user() + " may not receive from " + one.getQualifiedName());
            }
        }
        return super.addConsumer(context, info);
    }

    @Override
    public Destination addDestination(ConnectionContext context, ActiveMQDestination destination, boolean create)
            throws Exception {
        if (!grants(context)
                .mayCreate(destination.getPhysicalName(), destination.isQueue(), destination.isTemporary())) {
            throw new SecurityException(grants(context).user() + " may not use " + destination.getQualifiedName());
        }
        return super.addDestination(context, destination, create);
    }

    private static void checkSend(ConnectionContext context, ActiveMQDestination destination) {
        for (ActiveMQDestination one : destination.isComposite()
                ? destination.getCompositeDestinations()
                : new ActiveMQDestination[] {destination}) {
            if (!grants(context).maySendTo(one.getPhysicalName(), one.isQueue(), one.isTemporary())) {
                throw new SecurityException(grants(context).user() + " may not send to " + one.getQualifiedName());
            }
        }
    }
}
