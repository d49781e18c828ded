package dev.quorum.analysis.control;

import jakarta.enterprise.context.ApplicationScoped;

/** The engine jobs run on. The local engine is built on first use: loading its model takes a second or two. */
@ApplicationScoped
public class AnalysisEngines {

    private volatile LocalEngine local;

    public AnalysisEngine engine() {
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
