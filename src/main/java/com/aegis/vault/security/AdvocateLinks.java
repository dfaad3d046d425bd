package com.aegis.vault.security;

/**
 * Whether a member has linked a Trusted Advocate. The links are the advocate feature's
 * ({@code com.aegis.vault.advocate}), which implements this; access rules ask through it so that
 * security depends on no feature.
 */
public interface AdvocateLinks {

    boolean isLinked(String memberId, String advocateId);
}
