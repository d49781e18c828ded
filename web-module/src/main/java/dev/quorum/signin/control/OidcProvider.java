package dev.quorum.signin.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.signin.control.ClaimMapping.ProviderIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OpenID Connect authorization code flow with PKCE against the configured provider, as a confidential
 * client: the authorization request, the code exchange, the ID token's validation (signature by the
 * provider's published keys, which may rotate; issuer, audience, expiry, nonce), and the provider's
 * sign-out address. The provider's metadata is discovered on first use and kept once it was read.
 */
@ApplicationScoped
public class OidcProvider {

    private static final Logger LOG = Logger.getLogger(OidcProvider.class.getName());

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int READ_TIMEOUT_MILLIS = 10_000;

    @Inject
    OidcSettings settings;

    private volatile Discovered discovered;

    private record Discovered(OIDCProviderMetadata metadata, IDTokenValidator validator) {}

    /** Starts a sign-in: the pending state to keep, and where to send the browser. */
    public record Start(PendingSignIn pending, URI location) {}

    public Start start(URI redirectUri, String next) {
        OIDCProviderMetadata metadata = discovered().metadata();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI location = new AuthenticationRequest.Builder(
                        ResponseType.CODE,
                        Scope.parse(settings.scopes()),
                        new ClientID(settings.clientId()),
                        redirectUri)
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
        return new Start(
                new PendingSignIn(state.getValue(), nonce.getValue(), verifier.getValue(), next, Instant.now()),
                location);
    }

    /** Trades the code for tokens and validates the ID token: who signed in, and the raw ID token. */
    public record Completed(ProviderIdentity identity, String idToken) {}

    public Completed complete(PendingSignIn pending, String code, URI redirectUri) {
        Discovered provider = discovered();
        TokenRequest request = new TokenRequest.Builder(
                        provider.metadata().getTokenEndpointURI(),
                        new ClientSecretBasic(new ClientID(settings.clientId()), new Secret(settings.clientSecret())),
                        new AuthorizationCodeGrant(
                                new AuthorizationCode(code), redirectUri, new CodeVerifier(pending.codeVerifier())))
                .build();
        TokenResponse response;
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            http.setReadTimeout(READ_TIMEOUT_MILLIS);
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The identity provider's token endpoint cannot be reached: {0}", e.toString());
            throw new QuorumException(QuorumError.SIGN_IN_PROVIDER_UNAVAILABLE);
        } catch (ParseException e) {
            LOG.log(Level.WARNING, "The identity provider's token answer is not OpenID Connect: {0}", e.getMessage());
            throw new QuorumException(QuorumError.SIGN_IN_FAILED);
        }
        if (!response.indicatesSuccess()) {
            LOG.log(
                    Level.INFO,
                    "The identity provider refused the code: {0}",
                    response.toErrorResponse().getErrorObject().getCode());
            throw new QuorumException(QuorumError.SIGN_IN_FAILED);
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse())
                .getOIDCTokens()
                .getIDToken();
        try {
            var claims = provider.validator().validate(idToken, new Nonce(pending.nonce()));
            return new Completed(settings.mapping().identityOf(claims.toJWTClaimsSet()), idToken.serialize());
        } catch (BadJOSEException | JOSEException | ParseException e) {
            LOG.log(Level.WARNING, "An ID token was refused: {0}", e.getMessage());
            throw new QuorumException(QuorumError.SIGN_IN_FAILED);
        }
    }

    /**
     * The provider's sign-out address for this session (RP-initiated logout, with the ID token as hint and
     * the page to come back to), if the provider publishes one.
     */
    public Optional<URI> signOutLocation(String idToken, URI afterwards) {
        try {
            URI endSession = discovered().metadata().getEndSessionEndpointURI();
            if (endSession == null) {
                return Optional.empty();
            }
            return Optional.of(new LogoutRequest(endSession, JWTParser.parse(idToken), afterwards, null).toURI());
        } catch (java.text.ParseException | QuorumException e) {
            return Optional.empty();
        }
    }

    private Discovered discovered() {
        Discovered current = discovered;
        if (current != null) {
            return current;
        }
        String issuer = settings.issuer().orElseThrow(() -> new QuorumException(QuorumError.SIGN_IN_NOT_CONFIGURED));
        try {
            OIDCProviderMetadata metadata =
                    OIDCProviderMetadata.resolve(new Issuer(issuer), CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS);
            IDTokenValidator validator = new IDTokenValidator(
                    metadata.getIssuer(),
                    new ClientID(settings.clientId()),
                    JWSAlgorithm.RS256,
                    metadata.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever(CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS, 512 * 1024));
            validator.setMaxClockSkew(60);
            current = new Discovered(metadata, validator);
            discovered = current;
            return current;
        } catch (GeneralException | IOException e) {
            // not kept: the next sign-in asks again, so a provider that was down at first is found later
            LOG.log(Level.WARNING, "The identity provider''s metadata cannot be read from {0}: {1}", new Object[] {
                issuer, e.toString()
            });
            throw new QuorumException(QuorumError.SIGN_IN_PROVIDER_UNAVAILABLE);
        }
    }
}
