package dev.quorum.identity.control;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads PEM keys from a file path, a file: URL or a classpath: resource. */
public final class PemKeys {

    private PemKeys() {}

    /** A PKCS#8 ("BEGIN PRIVATE KEY") RSA private key. */
    public static PrivateKey privateKey(String location) {
        try {
            String base64 = read(location)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read an RSA private key at " + location, e);
        }
    }

    /** An X.509 ("BEGIN PUBLIC KEY") RSA public key, read from a location. */
    public static PublicKey publicKey(String location) {
        try {
            return publicKeyOf(read(location));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read an RSA public key at " + location, e);
        }
    }

    /** An X.509 RSA public key from its PEM text (or the bare base64 of it). */
    public static PublicKey publicKeyOf(String pem) {
        try {
            String base64 =
                    pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("not an RSA public key in PEM form", e);
        }
    }

    static String read(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            try (InputStream in = PemKeys.class.getClassLoader().getResourceAsStream(location.substring(10))) {
                if (in == null) {
                    throw new IOException("no resource " + location);
                }
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        }
        Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        return Files.readString(path, StandardCharsets.US_ASCII);
    }
}
