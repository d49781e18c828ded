package dev.quorum.analysis.control;

import dev.quorum.admin.control.AdminAction;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Origin;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;

/**
 * Each organization's choice of engine. Local unless its admin opts in to the remote one: the text of board
 * meetings leaves the server only by that choice, and never for a confidential meeting.
 */
@Stateless
@DatabaseGuarded
public class AnalysisSettings {

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    RemoteEngineSettings remote;

    @Inject
    RemoteCircuit circuit;

    @Inject
    Event<AdminAction> actions;

    public record View(String engine, boolean remoteConfigured, String remoteModel, RemoteCircuit.State circuit) {}

    public String engineOf(long organization) {
        return (String) em.createNativeQuery("SELECT analysis_engine FROM organization WHERE id = ?1")
                .setParameter(1, organization)
                .getSingleResult();
    }

    public View view(MemberIdentity admin) {
        return new View(
                engineOf(admin.organizationId()),
                remote.configured(),
                remote.configured() ? remote.model() : null,
                circuit.state());
    }

    public View choose(MemberIdentity admin, String engine, String source) {
        if (!"local".equals(engine) && !"remote".equals(engine)) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "engine is local or remote.");
        }
        if ("remote".equals(engine) && !remote.configured()) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE,
                    "This server has no remote engine configured (quorum.analysis.remote.url).");
        }
        em.createNativeQuery("UPDATE organization SET analysis_engine = ?1 WHERE id = ?2")
                .setParameter(1, engine)
                .setParameter(2, admin.organizationId())
                .executeUpdate();
        actions.fire(new AdminAction(
                Origin.of(admin, source),
                "analysis.engine",
                "organization:" + admin.organization(),
                Map.of("engine", engine)));
        return view(admin);
    }
}
