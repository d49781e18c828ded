package dev.quorum.encryption.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysetsTest {

    private static final byte[] AD = "message:7:1".getBytes(StandardCharsets.UTF_8);

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    @Test
    void aRotatedKeysetSealsWithItsNewKeyAndStillOpensTheOldUntilOnlyThePrimaryIsKept() throws Exception {
        KeysetHandle first = Keysets.generate();
        byte[] plain = "{\"text\":\"the merger price is 42\"}".getBytes(StandardCharsets.UTF_8);
        byte[] old = Keysets.aead(first).encrypt(plain, AD);
        assertEquals(Keysets.primaryId(first), Keysets.keyIdOf(old));

        KeysetHandle second = Keysets.rotated(first);
        assertNotEquals(Keysets.primaryId(first), Keysets.primaryId(second));
        byte[] fresh = Keysets.aead(second).encrypt(plain, AD);
        assertEquals(Keysets.primaryId(second), Keysets.keyIdOf(fresh));
        assertArrayEquals(plain, Keysets.aead(second).decrypt(old, AD), "the old key still opens");
        assertThrows(
                GeneralSecurityException.class,
                () -> Keysets.aead(second).decrypt(old, "message:7:2".getBytes(StandardCharsets.UTF_8)),
                "bound to its place: moved elsewhere it does not open");

        KeysetHandle retired = Keysets.primaryOnly(second);
        assertEquals(1, retired.size());
        assertArrayEquals(plain, Keysets.aead(retired).decrypt(fresh, AD));
        assertThrows(GeneralSecurityException.class, () -> Keysets.aead(retired).decrypt(old, AD));
    }

    @Test
    void aWrappedKeysetOpensOnlyWithItsMasterKeyAndForItsOrganization() throws Exception {
        Aead master = Keysets.master(random(32));
        KeysetHandle keyset = Keysets.generate();
        byte[] wrapped = Keysets.wrap(keyset, master, 3);
        assertEquals(Keysets.primaryId(keyset), Keysets.primaryId(Keysets.unwrap(wrapped, master, 3)));
        assertThrows(GeneralSecurityException.class, () -> Keysets.unwrap(wrapped, master, 4));
        assertThrows(GeneralSecurityException.class, () -> Keysets.unwrap(wrapped, Keysets.master(random(32)), 3));
        assertThrows(GeneralSecurityException.class, () -> Keysets.master(random(16)));
    }

    @Test
    void theOlderIdsAreEveryKeyButThePrimaryAndMakeAnSqlListThatNeverNamesTheSetAsideId() throws Exception {
        KeysetHandle first = Keysets.generate();
        assertEquals(List.of(), Keysets.olderIds(first));
        KeysetHandle second = Keysets.rotated(first);
        KeysetHandle third = Keysets.rotated(second);
        assertEquals(
                List.of(Keysets.primaryId(first), Keysets.primaryId(second)),
                Keysets.olderIds(third),
                "both earlier primaries retire, in the keyset's order");
        assertEquals(
                "(" + Keysets.primaryId(first) + ", " + Keysets.primaryId(second) + ")",
                new OrganizationKeys.Retiring(1, Keysets.olderIds(third)).sqlList());
        assertEquals("(NULL)", new OrganizationKeys.Retiring(1, List.of()).sqlList(), "matches nothing");
        assertEquals(
                "(NULL)",
                new OrganizationKeys.Retiring(1, List.of(Resealing.UNOPENABLE)).sqlList(),
                "rows set aside as unopenable are never taken for an older key's");
    }
}
