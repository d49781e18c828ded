package dev.quorum.broker;

import org.apache.activemq.broker.Broker;
import org.apache.activemq.broker.BrokerPlugin;

/**
 * The broker plugin Quorum's broker configuration names: who may connect (Quorum itself, or an integration
 * whose credentials an organization's admin issued) and what each may send and receive.
 */
public class IntegrationAuthenticationPlugin implements BrokerPlugin {

    private String jdbcUrl;
    private String jdbcUser;
    private String jdbcPassword = "";
    private String quorumUser;
    private String quorumPassword;

    @Override
    public Broker installPlugin(Broker broker) {
        return new IntegrationBroker(
                broker, new Credentials(jdbcUrl, jdbcUser, jdbcPassword), quorumUser, quorumPassword);
    }

    public void setJdbcUrl(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    public void setJdbcUser(String jdbcUser) {
        this.jdbcUser = jdbcUser;
    }

    public void setJdbcPassword(String jdbcPassword) {
        this.jdbcPassword = jdbcPassword;
    }

    public void setQuorumUser(String quorumUser) {
        this.quorumUser = quorumUser;
    }

    public void setQuorumPassword(String quorumPassword) {
        this.quorumPassword = quorumPassword;
    }
}
