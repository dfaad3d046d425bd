package com.aegis.vault.security;

import com.aegis.vault.problem.ProblemException;

/** User ids as the identity provider issues them (the JWT {@code sub}): opaque text of 1–64 characters. */
public final class UserIds {

    public static final int MAX_LENGTH = 64;

    private UserIds() {
    }

    /**
     * @throws ProblemException 400 naming {@code field} unless {@code value} could be a user id: 1–64 characters
     *                          (code points, as PostgreSQL counts them) and no NUL, which PostgreSQL cannot store
     */
    public static String requireValid(String field, String value) {
        if (value == null || value.isEmpty() || value.codePointCount(0, value.length()) > MAX_LENGTH
                || value.indexOf('\u0000') >= 0) {
            throw ProblemException.invalidField(field, "must be a user id of 1 to " + MAX_LENGTH + " characters");
        }
        return value;
    }
}
