package dev.quorum.encryption.control;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Google Tink's keysets as Quorum uses them: each organization has its own AES-256-GCM keyset, whose
 * primary key seals new content and whose other keys still open older content until it is sealed again; the
 * keyset is stored wrapped (encrypted) by the master key, bound to its organization. A sealed value starts with
 * Tink's prefix: a version byte and the id of the key that sealed it.
 */
public final class Keysets {

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Keysets() {}

    /** The master key's AEAD from 32 raw bytes. */
    public static Aead master(byte[] key) throws GeneralSecurityException {
        if (key.length != 32) {
            throw new GeneralSecurityException("the master key is 32 bytes (AES-256)");
        }
        AesGcmParameters parameters = AesGcmParameters.builder()
                .setKeySizeBytes(32)
                .setIvSizeBytes(12)
                .setTagSizeBytes(16)
                .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                .build();
        AesGcmKey aesKey = AesGcmKey.builder()
                .setParameters(parameters)
                .setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get()))
                .build();
        return KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.importKey(aesKey).withRandomId().makePrimary())
                .build()
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    public static KeysetHandle generate() throws GeneralSecurityException {
        return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    }

    /** The keyset with a new primary key; the old keys stay, to open what they sealed. */
    public static KeysetHandle rotated(KeysetHandle keyset) throws GeneralSecurityException {
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
        builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                .withRandomId()
                .makePrimary());
        return builder.build();
    }

    /** The keyset with its primary key only: once nothing sealed by the others is left. */
    public static KeysetHandle primaryOnly(KeysetHandle keyset) throws GeneralSecurityException {
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
        for (int i = builder.size() - 1; i >= 0; i--) {
            if (!builder.getAt(i).isPrimary()) {
                builder.deleteAt(i);
            }
        }
        return builder.build();
    }

    public static int primaryId(KeysetHandle keyset) {
        return keyset.getPrimary().getId();
    }

    /** The ids of the keyset's keys other than the primary: after a rotation, the ones that retire. */
    public static List<Integer> olderIds(KeysetHandle keyset) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < keyset.size(); i++) {
            if (!keyset.getAt(i).isPrimary()) {
                ids.add(keyset.getAt(i).getId());
            }
        }
        return ids;
    }

    public static Aead aead(KeysetHandle keyset) throws GeneralSecurityException {
        return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    public static byte[] wrap(KeysetHandle keyset, Aead master, long organization) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, master, boundTo(organization));
    }

    public static KeysetHandle unwrap(byte[] wrapped, Aead master, long organization) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, master, boundTo(organization));
    }

    /** The id of the key that sealed a value (Tink's prefix: version byte 1, then the id). */
    public static int keyIdOf(byte[] sealed) {
        if (sealed.length < 5 || sealed[0] != 1) {
            throw new IllegalArgumentException("not a value sealed by a Tink keyset");
        }
        return ByteBuffer.wrap(sealed, 1, 4).getInt();
    }

    private static byte[] boundTo(long organization) {
        return ("quorum-organization-keyset:" + organization).getBytes(StandardCharsets.UTF_8);
    }
}
