package com.aegis.vault.testing;

import io.smallrye.jwt.build.Jwt;

import java.util.Set;

/** RS256 tokens signed with the dev key pair (src/dev/jwt), as the identity provider would issue them. */
public final class TestTokens {

    public static final String ISSUER = "https://aegis.example/issuer";

    private TestTokens() {
    }

    public static String token(String subject, String... roles) {
        return Jwt.issuer(ISSUER).subject(subject).groups(Set.of(roles)).expiresIn(3600).sign();
    }

    public static String member(String id) {
        return token(id, "member");
    }

    public static String advocate(String id) {
        return token(id, "advocate");
    }

    public static String admin(String id) {
        return token(id, "admin");
    }
}
