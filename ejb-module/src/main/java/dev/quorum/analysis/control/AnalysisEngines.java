package dev.quorum.analysis.control;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The engine a job runs on: the remote one for an organization that chose it (and a server that has one), except
 * for a confidential meeting; the local one otherwise. The local engine is built on first use: loading its
 * model takes a second or two.
 */
@ApplicationScoped
public class AnalysisEngines {

    @Inject
    RemoteEngine remote;

    @Inject
    RemoteEngineSettings remoteSettings;

    @EJB
    AnalysisSettings settings;

    private volatile LocalEngine local;

    public AnalysisEngine engine(long organization, boolean confidential) {
        if (!confidential && remoteSettings.configured() && "remote".equals(settings.engineOf(organization))) {
            return remote;
        }
        return local();
    }

    LocalEngine local() {
        LocalEngine engine = local;
        if (engine == null) {
            synchronized (this) {
                if (local == null) {
                    local = new LocalEngine();
                }
                engine = local;
            }
        }
        return engine;
    }
}
