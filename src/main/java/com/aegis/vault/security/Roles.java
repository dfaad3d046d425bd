package com.aegis.vault.security;

/** The roles a token's {@code groups} claim may carry. */
public final class Roles {

    public static final String MEMBER = "member";
    public static final String ADVOCATE = "advocate";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
