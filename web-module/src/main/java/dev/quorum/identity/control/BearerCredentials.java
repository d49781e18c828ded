package dev.quorum.identity.control;

import jakarta.security.enterprise.credential.Credential;
import java.lang.reflect.Method;

/**
 * The bearer text of Payara's JWT credential ({@code SignedJWTCredential#getSignedJWT}), a Payara class
 * the application cannot compile against: what Quorum's own identity stores read before MicroProfile
 * JWT's store sees the token. The accessor is looked up once per credential class, as this runs for every
 * request and handshake that carries a bearer token.
 */
public final class BearerCredentials {

    private BearerCredentials() {}

    /** The bearer text, or null for a credential of another kind. */
    public static String bearerOf(Credential credential) {
        Accessor known = accessor;
        if (known == null || known.type() != credential.getClass()) {
            known = Accessor.of(credential.getClass());
            accessor = known;
        }
        if (known.method() == null) {
            return null;
        }
        try {
            return known.method().invoke(credential) instanceof String text ? text : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The last credential class seen and its accessor (null: it has none). A plain field, not a ClassValue:
     * that would hang this application's classes on Payara's class and keep them after an undeploy.
     */
    private record Accessor(Class<?> type, Method method) {
        static Accessor of(Class<?> type) {
            try {
                return new Accessor(type, type.getMethod("getSignedJWT"));
            } catch (NoSuchMethodException e) {
                return new Accessor(type, null);
            }
        }
    }

    private static volatile Accessor accessor;
}
