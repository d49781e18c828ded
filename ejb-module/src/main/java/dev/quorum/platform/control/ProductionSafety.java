package dev.quorum.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start in production mode with a token key anyone can sign for: none configured, or the
 * development key whose private half is published in the repository.
 */
@Startup
@Singleton
public class ProductionSafety {

    private static final Logger LOG = Logger.getLogger(ProductionSafety.class.getName());

    /** SHA-256 of the base64 body of server-config/src/main/dev-keys/quorum-dev-public.pem. */
    static final String DEVELOPMENT_KEY_FINGERPRINT =
            "3f8428d781278f6ec2857b5e168b3afeef233aede2e3b7fa52d53b6fa8f930d8";

    @Inject
    RuntimeMode mode;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> publicKeyLocation;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> inlinePublicKey;

    @PostConstruct
    void check() {
        if (mode.isDevelopment()) {
            LOG.warning("Quorum runs in DEVELOPMENT mode: seed data and development tokens are enabled.");
            return;
        }
        String key = inlinePublicKey.orElseGet(
                () -> publicKeyLocation.map(ProductionSafety::read).orElse(null));
        if (key == null) {
            throw new IllegalStateException("Production mode needs the token issuer's public key: set "
                    + "mp.jwt.verify.publickey.location (MP_JWT_VERIFY_PUBLICKEY_LOCATION)");
        }
        if (DEVELOPMENT_KEY_FINGERPRINT.equals(fingerprint(key))) {
            throw new IllegalStateException("Production mode refuses the development key: its private half is "
                    + "public. Configure your identity provider's key in mp.jwt.verify.publickey.location");
        }
    }

    static String fingerprint(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(String location) {
        try {
            URL url = location.contains(":") && !location.startsWith("/")
                    ? URI.create(location).toURL()
                    : Thread.currentThread().getContextClassLoader().getResource(location.replaceFirst("^/", ""));
            if (url == null) {
                return null;
            }
            try (InputStream in = url.openStream()) {
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        } catch (IOException | IllegalArgumentException e) {
            // MicroProfile JWT reports an unreadable key itself; this check is about which key it is
            LOG.warning("Cannot read the token key at " + location + ": " + e.getMessage());
            return "";
        }
    }
}
