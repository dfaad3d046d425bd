package com.aegis.vault.security;

import com.aegis.vault.testing.PostgresTestDatabase;
import com.aegis.vault.testing.ApiFixtures;
import com.aegis.vault.testing.TestTokens;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Remembering verified tokens must not let through anything the verifier would refuse. */
@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
class VerifiedTokenCacheQuarkusTest {

    @Inject
    JWTParser parser;

    private static String expiringAt(Instant exp) {
        return Jwt.issuer(TestTokens.ISSUER).subject(ApiFixtures.newMemberId()).groups(Set.of(Roles.MEMBER))
                .issuedAt(Instant.now().minusSeconds(1)).expiresAt(exp).sign();
    }

    @Test
    void theSecurityLayerUsesTheCache() {
        assertInstanceOf(VerifiedTokenCache.class, parser);
    }

    @Test
    void aVerifiedTokenIsAnsweredFromMemoryUntilItsExpiryAndVerifiedAgainAfter() throws Exception {
        String token = expiringAt(Instant.now().plusSeconds(2));
        JsonWebToken first = parser.parse(token);
        assertSame(first, parser.parse(token), "remembered while valid");
        Thread.sleep(Math.max(0, first.getExpirationTime() * 1000 - System.currentTimeMillis()) + 100);
        // Past exp the cache answers nothing: the verifier decides again (it allows its clock skew).
        assertNotSame(first, parser.parse(token));
    }

    @Test
    void aTokenWithAnotherSignatureIsRefusedAlthoughTheSameClaimsWereVerified() throws Exception {
        String token = TestTokens.member(ApiFixtures.newMemberId());
        ApiFixtures.as(token).get("/api/v1/security-logs").then().statusCode(200);
        parser.parse(token);

        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 1;
        String tampered = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        assertThrows(ParseException.class, () -> parser.parse(tampered));
        ApiFixtures.as(tampered).get("/api/v1/security-logs").then().statusCode(401);

        var otherKey = KeyPairGenerator.getInstance("RSA");
        otherKey.initialize(2048);
        JsonWebToken claims = parser.parseOnly(token);
        String forged = Jwt.issuer(claims.getIssuer()).subject(claims.getSubject()).groups(claims.getGroups())
                .issuedAt(claims.getIssuedAtTime()).expiresAt(claims.getExpirationTime())
                .sign(otherKey.generateKeyPair().getPrivate());
        ApiFixtures.as(forged).get("/api/v1/security-logs").then().statusCode(401);
    }

    @Test
    void aTokenExpiredBeyondTheClockSkewIsRefused() {
        String token = expiringAt(Instant.now().minusSeconds(3600));
        ApiFixtures.as(token).get("/api/v1/security-logs").then().statusCode(401);
        ApiFixtures.as(token).get("/api/v1/security-logs").then().statusCode(401);
    }
}
