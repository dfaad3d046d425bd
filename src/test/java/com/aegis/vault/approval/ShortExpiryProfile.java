package com.aegis.vault.approval;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Approvals expire 2 seconds after creation and every pod sweeps each second. */
public class ShortExpiryProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "aegis.approvals.expiry", "PT2S",
                "aegis.approvals.sweep-interval", "1s");
    }
}
