package dev.quorum.audit.control;

import dev.quorum.platform.control.RuntimeMode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The key of the audit chain, from {@code quorum.audit.chain-key} (base64 of 32 random bytes). Without one,
 * the marked development key, with a warning in production: whoever can write to the database could then
 * forge links.
 */
@ApplicationScoped
public class AuditChainKey {

    /** Marked development key, for development and for a deployment that set none (warned). */
    static final String DEVELOPMENT_KEY = "quorum-development-audit-chain-key";

    private static final Logger LOG = Logger.getLogger(AuditChainKey.class.getName());

    @Inject
    @ConfigProperty(name = "quorum.audit.chain-key")
    Optional<String> configured; // MicroProfile Config treats an empty default as no value

    @Inject
    RuntimeMode mode;

    private AuditChain chain;

    @PostConstruct
    void load() {
        if (configured.isEmpty() || configured.get().isBlank()) {
            if (!mode.isDevelopment()) {
                LOG.warning("quorum.audit.chain-key is not set: the audit chain is keyed with the development key. "
                        + "Set a secret of 32 random bytes, base64 (QUORUM_AUDIT_CHAIN_KEY).");
            }
            chain = chain(DEVELOPMENT_KEY);
        } else {
            chain = chain(configured.get());
        }
    }

    public AuditChain chain() {
        return chain;
    }

    /** The chain under a key given as base64, or (the development key) as plain text of 16 bytes or more. */
    static AuditChain chain(String key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException notBase64) {
            bytes = key.getBytes(StandardCharsets.UTF_8);
        }
        return new AuditChain(bytes);
    }
}
