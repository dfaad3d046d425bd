package com.aegis.vault.approval;

import com.aegis.vault.problem.ProblemException;
import com.aegis.vault.security.AdvocateLinks;
import com.aegis.vault.security.Caller;
import com.aegis.vault.security.MemberAccess;
import com.aegis.vault.security.UserIds;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who sees which approvals: a member their own, an advocate those of every member who linked them
 * (checked against the links as they are now), an admin all. An approval the caller may not see is
 * answered 404, exactly like one that does not exist, so ids do not leak.
 */
@RequestScoped
public class ApprovalVisibility {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Inject
    Caller caller;

    @Inject
    MemberAccess access;

    @Inject
    AdvocateLinks links;

    @Inject
    ApprovalQueries queries;

    /** @throws ProblemException 404 when there is no such approval or the caller may not see it */
    public Approval visible(String id) {
        // A malformed id names no approval: 404 like any other unknown id (not 400), one rule for the app.
        Approval approval = UUID_TEXT.matcher(id).matches() ? queries.find(UUID.fromString(id)) : null;
        if (approval == null || !access.canRead(approval.memberId)) {
            throw ProblemException.notFound("there is no approval " + id + " that you may see");
        }
        return approval;
    }

    /**
     * The approvals a list covers. With {@code memberId}: that member's, if the caller may read them
     * (403 otherwise). Without: everything for an admin; otherwise the caller's own and their served members'.
     */
    public ApprovalScope scope(String memberId) {
        if (memberId != null) {
            access.requireRead(UserIds.requireValid("memberId", memberId));
            return ApprovalScope.member(memberId);
        }
        if (caller.isAdmin()) {
            return ApprovalScope.everyone();
        }
        return ApprovalScope.ownAndServed(caller.id(), caller.isMember(), caller.isAdvocate());
    }

    /** @throws ProblemException 403 unless the caller is an advocate linked to the approval's member */
    public void requireResolver(Approval approval) {
        if (!caller.isAdvocate() || !links.isLinked(approval.memberId, caller.id())) {
            throw ProblemException.forbidden("only a Trusted Advocate linked to member " + approval.memberId
                    + " may resolve this approval");
        }
    }
}
