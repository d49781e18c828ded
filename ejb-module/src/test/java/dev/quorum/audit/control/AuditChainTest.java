package dev.quorum.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final AuditChain CHAIN = AuditChainKey.chain(AuditChainKey.DEVELOPMENT_KEY);

    private static AuditChain.Entry entry(String target, String detail) {
        return new AuditChain.Entry(
                1,
                5,
                "prev",
                "2026-11-30T09:00:00.000000Z",
                AuditChain.actorDigest("dave"),
                "motion.close",
                target,
                detail,
                "10.0.0.1");
    }

    @Test
    void everyFieldAndTheKeyEnterTheHash() {
        String hash = CHAIN.hash(entry("motion:1", "{\"a\": 1}"));
        assertEquals(64, hash.length());
        assertEquals(hash, CHAIN.hash(entry("motion:1", "{\"a\": 1}")), "deterministic");
        assertNotEquals(hash, CHAIN.hash(entry("motion:2", "{\"a\": 1}")));
        assertNotEquals(hash, CHAIN.hash(entry("motion:1", "{\"a\": 2}")));
        assertNotEquals(hash, AuditChainKey.chain("another-key-of-16-bytes").hash(entry("motion:1", "{\"a\": 1}")));
    }

    @Test
    void fieldsCannotBeShiftedIntoEachOther() {
        // "a" + "b|c" and "a|b" + "c" must not collide: fields are JSON array elements, not joined text
        assertNotEquals(CHAIN.hash(entry("x,y", null)), CHAIN.hash(entry("x", "y")));
        assertNotEquals(CHAIN.hash(entry(null, "x")), CHAIN.hash(entry("null", "x")));
    }
}
