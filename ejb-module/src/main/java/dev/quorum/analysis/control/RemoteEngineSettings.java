package dev.quorum.analysis.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the remote engine is: any OpenAI-compatible chat completions endpoint. Without a URL there is no remote
 * engine and every organization is analysed locally.
 */
@ApplicationScoped
public class RemoteEngineSettings {

    @Inject
    @ConfigProperty(name = "quorum.analysis.remote.url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "quorum.analysis.remote.model", defaultValue = "gpt-4o-mini")
    String model;

    @Inject
    @ConfigProperty(name = "quorum.analysis.remote.key")
    Optional<String> key;

    @Inject
    @ConfigProperty(name = "quorum.analysis.remote.timeout-seconds", defaultValue = "8")
    int timeoutSeconds;

    public boolean configured() {
        return url.filter(value -> !value.isBlank()).isPresent();
    }

    /** The base URL, such as {@code https://api.openai.com/v1}; {@code /chat/completions} is added. */
    public URI url() {
        return URI.create(url.orElseThrow().replaceAll("/+$", ""));
    }

    public String model() {
        return model;
    }

    public Optional<String> key() {
        return key.filter(value -> !value.isBlank());
    }

    public Duration timeout() {
        return Duration.ofSeconds(Math.max(1, timeoutSeconds));
    }
}
