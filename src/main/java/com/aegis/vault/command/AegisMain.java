package com.aegis.vault.command;

import com.aegis.vault.schema.FailureMessages;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Map;

/**
 * The one entry point of the packaged jar and of the native executable.
 * Without arguments it serves HTTP; with a migration command ({@code migrate}, {@code info}, …)
 * it runs that command against the configured database and exits, never opening the HTTP port.
 */
@QuarkusMain
public final class AegisMain {

    /**
     * What a command run switches off, set as system properties before Quarkus starts (they win over
     * application.properties and the environment): no HTTP listener, no Hibernate schema validation
     * (the command may be the one bringing the schema up to date), no scheduled jobs touching tables
     * that are being changed, and never a migration at start behind the command's back.
     */
    static final Map<String, String> COMMAND_MODE = Map.ofEntries(
            Map.entry("quarkus.http.host-enabled", "false"),
            Map.entry("quarkus.hibernate-orm.schema-management.strategy", "none"),
            // Commands talk to the database through Flyway and JDBC only: Hibernate stays available to the
            // beans that inject it but must not connect at start, so an unreachable database gives one line
            // from the command rather than Hibernate's start-up warnings and stack traces.
            Map.entry("quarkus.hibernate-orm.database.start-offline", "true"),
            Map.entry("quarkus.hibernate-orm.database.version-check.enabled", "false"),
            Map.entry("quarkus.scheduler.enabled", "false"),
            Map.entry("quarkus.flyway.migrate-at-start", "false"),
            // The serving app's short timeout answers requests fast in an outage; a command may wait to connect.
            Map.entry("quarkus.datasource.jdbc.acquisition-timeout", "30S"),
            // The serving pod keeps a warm pool; a command needs Flyway's two connections, opened when asked for.
            Map.entry("quarkus.datasource.jdbc.initial-size", "0"),
            Map.entry("quarkus.datasource.jdbc.min-size", "0"),
            Map.entry("quarkus.banner.enabled", "false"),
            // A failed start is reported as one line by the exit handler below, not as a logged stack trace.
            Map.entry("quarkus.log.category.\"io.quarkus.runtime.ApplicationLifecycleManager\".level", "OFF"),
            Map.entry("quarkus.log.category.\"io.quarkus\".level", "WARN"));

    /**
     * Run on every connection of a command before its migrations: a migration waiting for a lock (behind a
     * long transaction of a serving pod) gives up after 5 s instead of queueing every request behind it —
     * it fails whole (rolled back) and can be retried. Here rather than in each script because the scripts of
     * db/migration/common also run on H2, which cannot parse it; .ci/lint-migrations.sh reads this line.
     * QUARKUS_FLYWAY_INIT_SQL replaces it.
     */
    static final String MIGRATION_SESSION = "SET lock_timeout = '5s'";

    private AegisMain() {
    }

    public static void main(String... args) {
        if (args.length == 0) {
            Quarkus.run(args);
            return;
        }
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (CommandFailure usage) {
            System.err.println(usage.getMessage());
            System.exit(usage.exitCode());
            return;
        }
        if (commandLine.isHelp()) {
            System.out.println(CommandLine.USAGE);
            return;
        }
        COMMAND_MODE.forEach(System::setProperty);
        // Command output is read by people and CI logs: plain text unless the operator asked otherwise.
        if (System.getenv("QUARKUS_LOG_CONSOLE_JSON_ENABLED") == null) {
            System.setProperty("quarkus.log.console.json.enabled", "false");
        }
        if (commandLine.dryRun() || commandLine.command().equals("drift")) {
            // Their standard output is a script or a list to keep (`migrate --dry-run > plan.sql`): no log lines in it.
            System.setProperty("quarkus.log.category.\"org.flywaydb\".level", "WARN");
            System.setProperty("quarkus.log.category.\"com.aegis\".level", "WARN");
        }
        if (System.getenv("QUARKUS_FLYWAY_INIT_SQL") == null) {
            System.setProperty("quarkus.flyway.init-sql", MIGRATION_SESSION);
        }
        Quarkus.run(MigrationCommandApp.class, AegisMain::exit, args);
    }

    private static void exit(int code, Throwable failure) {
        if (failure != null) {
            System.err.println("aegis: could not start the command: " + FailureMessages.describe(failure));
            System.exit(code == 0 ? 1 : code);
        }
        System.exit(code);
    }
}
