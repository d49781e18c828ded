package dev.quorum.audit.control;

import static dev.quorum.platform.control.JsonText.JSON;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The links of the audit chain. An entry's hash is an HMAC-SHA256, under the server's chain key, of its
 * fields and its predecessor's hash, written as a JSON array (unambiguous whatever the fields hold). The
 * actor enters by digest, so that pseudonymising a member later leaves every link intact.
 */
public final class AuditChain {

    private static final HexFormat HEX = HexFormat.of();

    /** The fields of one entry as the database keeps them (detail as PostgreSQL writes JSONB back). */
    public record Entry(
            long organization,
            long seq,
            String prevHash,
            String occurredAt,
            String actorDigest,
            String action,
            String target,
            String detail,
            String source) {}

    private final byte[] key;

    public AuditChain(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the audit chain key needs at least 16 bytes");
        }
        this.key = key.clone();
    }

    public String hash(Entry entry) {
        String canonical = JSON.createArrayBuilder()
                .add(entry.organization())
                .add(entry.seq())
                .add(entry.prevHash())
                .add(entry.occurredAt())
                .add(entry.actorDigest())
                .add(entry.action())
                .add(nullable(entry.target()))
                .add(nullable(entry.detail()))
                .add(nullable(entry.source()))
                .build()
                .toString();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A keyed fingerprint of a value (not a link of the chain: the input is marked apart from every entry's). */
    public String fingerprint(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(("fingerprint\u0000" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The digest an actor's name enters the chain by. */
    public static String actorDigest(String actor) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(actor.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String nullable(String value) {
        return value == null ? "\u0000null" : value;
    }
}
