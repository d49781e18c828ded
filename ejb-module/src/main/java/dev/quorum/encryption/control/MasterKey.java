package dev.quorum.encryption.control;

import com.google.crypto.tink.Aead;
import dev.quorum.platform.control.RuntimeMode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The master key that wraps every organization's keyset, from {@code quorum.encryption.master-key} (base64 of
 * 32 random bytes; keep it out of the database's backups). Without one, the marked development key, with a
 * warning in production: whoever has the database and this source could then open confidential content.
 */
@ApplicationScoped
public class MasterKey {

    /** Marked development key, hashed to 32 bytes: for development and for a deployment that set none (warned). */
    static final String DEVELOPMENT_KEY = "quorum-development-master-key";

    private static final Logger LOG = Logger.getLogger(MasterKey.class.getName());

    @Inject
    @ConfigProperty(name = "quorum.encryption.master-key")
    Optional<String> configured; // MicroProfile Config treats an empty default as no value

    @Inject
    RuntimeMode mode;

    private Aead aead;

    @PostConstruct
    void load() {
        try {
            if (configured.isEmpty() || configured.get().isBlank()) {
                if (!mode.isDevelopment()) {
                    LOG.warning("quorum.encryption.master-key is not set: confidential content is sealed under the "
                            + "development master key. Set 32 random bytes, base64 (QUORUM_ENCRYPTION_MASTER_KEY).");
                }
                aead = Keysets.master(
                        MessageDigest.getInstance("SHA-256").digest(DEVELOPMENT_KEY.getBytes(StandardCharsets.UTF_8)));
            } else {
                aead = Keysets.master(
                        Base64.getDecoder().decode(configured.get().trim()));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "quorum.encryption.master-key must be 32 random bytes in base64: " + e.getMessage(), e);
        }
    }

    public Aead aead() {
        return aead;
    }
}
