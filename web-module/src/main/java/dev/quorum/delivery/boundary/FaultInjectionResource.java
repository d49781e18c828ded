package dev.quorum.delivery.boundary;

import dev.quorum.delivery.control.ClusterBus;
import dev.quorum.identity.control.DevelopmentTokens;
import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Development mode only: faults that tests inject into one node to prove delivery survives them. In
 * production mode every path here answers 404, as if it did not exist.
 */
@Path("dev/faults")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class FaultInjectionResource {

    @Inject
    DevelopmentTokens development;

    @Inject
    ClusterBus cluster;

    public record Switch(boolean enabled) {}

    /** While enabled, this node ignores every message other nodes send it over the cluster topic. */
    @PUT
    @Path("drop-cluster-messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Switch dropClusterMessages(JsonObject body) {
        if (!development.available()) {
            throw new QuorumException(QuorumError.NOT_FOUND);
        }
        Switch setting = new Switch(Fields.of(body).flag("enabled"));
        cluster.dropInbound(setting.enabled());
        return setting;
    }
}
