package com.aegis.vault.security;

import com.aegis.vault.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The authenticated caller of the current request: the token's {@code sub} and roles. */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    /** The token's {@code sub}: the user id (1–64 characters), whatever {@code upn} says. */
    public String id() {
        String subject = jwt.getSubject();
        if (subject == null || subject.isEmpty() || subject.length() > 64) {
            throw ProblemException.unauthorized("the token's sub must be a user id of 1 to 64 characters");
        }
        return subject;
    }

    public boolean isMember() {
        return identity.hasRole(Roles.MEMBER);
    }

    public boolean isAdvocate() {
        return identity.hasRole(Roles.ADVOCATE);
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }
}
