package com.aegis.vault.approval;

import io.quarkus.panache.common.Parameters;

/**
 * Which members' approvals a query covers, as an HQL condition on {@code Approval a}.
 * Advocates are matched through their links at query time, so an unlink takes effect at once.
 */
record ApprovalScope(String condition, Parameters parameters) {

    private static final String SERVED = "a.memberId in (select l.key.memberId from AdvocateLink l "
            + "where l.key.advocateId = :scopeCaller)";

    /** Every member (admins). */
    static ApprovalScope everyone() {
        return new ApprovalScope("1 = 1", new Parameters());
    }

    static ApprovalScope member(String memberId) {
        return new ApprovalScope("a.memberId = :scopeMember", Parameters.with("scopeMember", memberId));
    }

    /** The caller's own approvals (if a member) and those of every member who linked them (if an advocate). */
    static ApprovalScope ownAndServed(String callerId, boolean own, boolean served) {
        String condition;
        if (own && served) {
            condition = "(a.memberId = :scopeCaller or " + SERVED + ")";
        } else if (own) {
            condition = "a.memberId = :scopeCaller";
        } else if (served) {
            condition = SERVED;
        } else {
            condition = "1 = 0";
        }
        return new ApprovalScope(condition, Parameters.with("scopeCaller", callerId));
    }

    /** A fresh copy of the parameters, for a query that adds its own. */
    Parameters parametersWith() {
        Parameters copy = new Parameters();
        parameters.map().forEach(copy::and);
        return copy;
    }
}
