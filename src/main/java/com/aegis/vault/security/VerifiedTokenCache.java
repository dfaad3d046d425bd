package com.aegis.vault.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer-token parser the security layer uses, remembering tokens it has verified: a phone sends
 * the same token for its whole lifetime, and verifying its RS256 signature and claims again on every
 * request was the largest single CPU cost of a request. The key is the complete raw token, signature
 * included, so only the exact bytes that passed every check are ever answered from memory, and never
 * past their {@code exp} (read without the clock skew the verifier allows: stricter, never looser).
 * A token that fails verification is never remembered. Bounded: when full, expired entries are dropped,
 * and if none are, nothing more is remembered until some expire (requests are then verified as before).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    /** ~3 KB each (token and parsed claims): at most ~30 MB, far more tokens than one pod serves in an hour. */
    static final int MAX_TOKENS = 10_000;

    @Inject
    DefaultJWTParser verifier;

    private final ConcurrentHashMap<String, JsonWebToken> verified = new ConcurrentHashMap<>();

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis() / 1000;
        JsonWebToken known = verified.get(token);
        if (known != null) {
            if (now < known.getExpirationTime()) {
                return known;
            }
            verified.remove(token, known);
        }
        JsonWebToken jwt = verifier.parse(token);
        if (now < jwt.getExpirationTime() && roomFor(now)) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    int size() {
        return verified.size();
    }

    private boolean roomFor(long now) {
        if (verified.size() < MAX_TOKENS) {
            return true;
        }
        verified.values().removeIf(jwt -> now >= jwt.getExpirationTime());
        return verified.size() < MAX_TOKENS;
    }

    // Everything else is passed through unchanged (the security layer calls only parse(String)).

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
