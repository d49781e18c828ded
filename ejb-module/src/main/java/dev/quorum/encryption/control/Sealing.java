package dev.quorum.encryption.control;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seals and opens sensitive content with its organization's keyset, bound to where the content lives (the
 * associated data), so that a sealed value moved to another row, room or organization no longer opens. Each
 * node keeps the keysets it has unwrapped for a few seconds; a value sealed by a key it does not know yet
 * (rotated on another node) makes it reload at once.
 */
@ApplicationScoped
public class Sealing {

    private static final long FRESH_NANOS = 5_000_000_000L;

    /** A sealed value and the id of the key that sealed it. */
    public record Sealed(byte[] bytes, int keyId) {}

    private record Loaded(Aead aead, int primaryId, int version, long at) {
        Loaded checkedAt(long now) {
            return new Loaded(aead, primaryId, version, now);
        }
    }

    @Inject
    OrganizationKeys keys;

    private final Map<Long, Loaded> loaded = new ConcurrentHashMap<>();

    public Sealed seal(long organization, String boundTo, String plaintext) {
        Loaded keyset = keyset(organization, false);
        try {
            byte[] bytes = keyset.aead().encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associated(boundTo));
            return new Sealed(bytes, keyset.primaryId());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealing failed: " + e.getMessage(), e);
        }
    }

    public String open(long organization, String boundTo, byte[] sealed) {
        try {
            return open(keyset(organization, false), boundTo, sealed);
        } catch (GeneralSecurityException unknownKey) {
            try {
                // perhaps sealed under a key rotated in on another node since this one loaded the keyset
                return open(keyset(organization, true), boundTo, sealed);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(
                        "A sealed value does not open (tampered with, moved, or its key retired)", e);
            }
        }
    }

    /** What a value sealed into a text column looks like: {@code sealed:<key id>:<base64>}. */
    public static final String TEXT_PREFIX = "sealed:";

    /** Seals a value to be kept in a text column, the sealing key's id in clear (for re-encryption to find). */
    public String sealText(long organization, String boundTo, String plaintext) {
        Sealed sealed = seal(organization, boundTo, plaintext);
        return TEXT_PREFIX + sealed.keyId() + ":"
                + java.util.Base64.getEncoder().encodeToString(sealed.bytes());
    }

    /** Opens a value kept by {@link #sealText}; a value not sealed is answered as it is. */
    public String openText(long organization, String boundTo, String stored) {
        if (stored == null || !stored.startsWith(TEXT_PREFIX)) {
            return stored;
        }
        String rest = stored.substring(TEXT_PREFIX.length());
        return open(organization, boundTo, java.util.Base64.getDecoder().decode(rest.substring(rest.indexOf(':') + 1)));
    }

    /** Whether a value was sealed by the organization's primary key as this node knows it. */
    public boolean sealedByPrimary(long organization, byte[] sealed) {
        return Keysets.keyIdOf(sealed) == keyset(organization, false).primaryId();
    }

    /** Forgets this node's copy: after a rotation or retirement here. */
    public void forget(long organization) {
        loaded.remove(organization);
    }

    private static String open(Loaded keyset, String boundTo, byte[] sealed) throws GeneralSecurityException {
        return new String(keyset.aead().decrypt(sealed, associated(boundTo)), StandardCharsets.UTF_8);
    }

    private Loaded keyset(long organization, boolean reload) {
        Loaded current = loaded.get(organization);
        long now = System.nanoTime();
        if (!reload && current != null && now - current.at() <= FRESH_NANOS) {
            return current;
        }
        if (!reload && current != null && keys.version(organization) == current.version()) {
            current = current.checkedAt(now); // unchanged: one small read every few seconds
        } else {
            OrganizationKeys.Stored stored = keys.load(organization);
            KeysetHandle keyset = stored.keyset();
            try {
                current = new Loaded(Keysets.aead(keyset), Keysets.primaryId(keyset), stored.version(), now);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The keyset gives no AEAD: " + e.getMessage(), e);
            }
        }
        loaded.put(organization, current);
        return current;
    }

    private static byte[] associated(String boundTo) {
        return ("quorum:" + boundTo).getBytes(StandardCharsets.UTF_8);
    }
}
