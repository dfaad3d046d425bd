package com.aegis.vault.approval;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Approvals expire 2 seconds after creation and every pod sweeps each second, so expiry runs on every
 * path. The pool itself is cut to one connection by the test once the application has started (Flyway
 * migrates at start with two connections of its own).
 */
public class PoolOfOneProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "aegis.approvals.expiry", "PT2S",
                "aegis.approvals.sweep-interval", "1s");
    }
}
