package dev.quorum.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProductionSafetyTest {

    @Test
    void recognisesTheDevelopmentKeyWhateverItsLineBreaks() throws IOException {
        String pem = Files.readString(Path.of("../server-config/src/main/dev-keys/quorum-dev-public.pem"));
        assertEquals(ProductionSafety.DEVELOPMENT_KEY_FINGERPRINT, ProductionSafety.fingerprint(pem));
        assertEquals(
                ProductionSafety.DEVELOPMENT_KEY_FINGERPRINT,
                ProductionSafety.fingerprint(pem.replace("\n", "\r\n") + "\n\n"));
    }

    @Test
    void anotherKeyHasAnotherFingerprint() {
        assertNotEquals(
                ProductionSafety.DEVELOPMENT_KEY_FINGERPRINT,
                ProductionSafety.fingerprint("-----BEGIN PUBLIC KEY-----\nMIIBIjANBg\n-----END PUBLIC KEY-----"));
    }
}
