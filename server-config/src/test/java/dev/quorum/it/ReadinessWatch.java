package dev.quorum.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Polls /health/ready and then Quorum's API as fast as it can while a node starts (or restarts): readiness
 * UP followed by an API that does not answer 200 means readiness told a load balancer too early. What it
 * sees before the server first stops listening (while a restart is still stopping it) is kept apart.
 */
public final class ReadinessWatch extends Thread {
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final URI ready;
    private final URI api;
    private volatile boolean stopped;
    private volatile boolean sawDown;
    private final List<String> upBeforeServing = new ArrayList<>();
    private final List<String> upWhileStopping = new ArrayList<>();
    private volatile boolean serverWasDown;

    public ReadinessWatch(int httpPort) {
        super("readiness-watch");
        ready = URI.create("http://localhost:" + httpPort + "/health/ready");
        api = URI.create("http://localhost:" + httpPort + "/quorum/api/client-config");
    }

    @Override
    public void run() {
        while (!stopped) {
            HttpResponse<String> readiness = get(ready);
            if (readiness == null) {
                serverWasDown = true;
            } else if (readiness.statusCode() == 503) {
                sawDown = true;
            } else if (readiness.statusCode() == 200) {
                HttpResponse<String> serving = get(api);
                if (serving == null || serving.statusCode() != 200) {
                    List<String> kept = serverWasDown ? upBeforeServing : upWhileStopping;
                    synchronized (kept) {
                        kept.add(readiness.body() + " then API "
                                + (serving == null ? "unreachable" : serving.statusCode()));
                    }
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private HttpResponse<String> get(URI uri) {
        try {
            return client.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException notListeningYet) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public void stopAndJoin() throws InterruptedException {
        stopped = true;
        join(10_000);
    }

    /** Whether readiness was ever seen DOWN (503): without that, a clean record proves little. */
    public boolean sawDown() {
        return sawDown;
    }

    /** While a restart stopped the server (before it stopped listening): readiness UP, the API not serving. */
    public List<String> upWhileStopping() {
        synchronized (upWhileStopping) {
            return List.copyOf(upWhileStopping);
        }
    }

    /** Each time, once the server had been down, readiness said UP and the API, asked right after, did not answer 200. */
    public List<String> upBeforeServing() {
        synchronized (upBeforeServing) {
            return List.copyOf(upBeforeServing);
        }
    }
}
