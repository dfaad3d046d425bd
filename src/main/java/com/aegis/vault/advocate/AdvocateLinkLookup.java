package com.aegis.vault.advocate;

import com.aegis.vault.security.AdvocateLinks;
import jakarta.enterprise.context.ApplicationScoped;

/** Answers the access rules' question "has this member linked this advocate?" from the link table, as it is now. */
@ApplicationScoped
public class AdvocateLinkLookup implements AdvocateLinks {

    @Override
    public boolean isLinked(String memberId, String advocateId) {
        return AdvocateLink.exists(memberId, advocateId);
    }
}
