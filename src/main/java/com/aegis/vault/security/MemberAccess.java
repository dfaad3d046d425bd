package com.aegis.vault.security;

import com.aegis.vault.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Who may see a member's data: the member themself, an advocate the member has linked, or an admin.
 * Anyone else is answered as if the member had nothing to show, so existence does not leak.
 */
@RequestScoped
public class MemberAccess {

    @Inject
    Caller caller;

    @Inject
    AdvocateLinks links;

    /** Joins the request's transaction, or runs in a short one of its own (never on a connection held outside one). */
    @Transactional
    public boolean canRead(String memberId) {
        if (caller.isAdmin()) {
            return true;
        }
        if (caller.isMember() && caller.id().equals(memberId)) {
            return true;
        }
        return caller.isAdvocate() && links.isLinked(memberId, caller.id());
    }

    /** @throws ProblemException 403 when the caller may not read this member's data */
    public void requireRead(String memberId) {
        if (!canRead(memberId)) {
            throw ProblemException.forbidden("you may not see the data of member " + memberId);
        }
    }
}
