package com.aegis.vault.events;

import org.eclipse.microprofile.config.ConfigProvider;

/** Whether this process runs background jobs: not in a command run (migrate, info, drift ...), which switches the scheduler off. */
final class Workers {

    private Workers() {
    }

    static boolean enabled() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.scheduler.enabled", Boolean.class).orElse(true);
    }
}
