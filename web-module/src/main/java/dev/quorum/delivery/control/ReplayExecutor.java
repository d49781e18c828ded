package dev.quorum.delivery.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;

/** Where connections read what they missed from the message log: a managed pool, never a socket's thread. */
@ApplicationScoped
public class ReplayExecutor implements Executor {

    @Resource
    ManagedExecutorService executor;

    @Override
    public void execute(Runnable replay) {
        executor.execute(replay);
    }
}
