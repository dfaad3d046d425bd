package com.aegis.vault.command;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A parsed migration command: its name and its {@code --option value} pairs. */
public record CommandLine(String command, Map<String, String> options) {

    /** The one option without a value: present or absent. */
    public static final String DRY_RUN = "dry-run";

    public static final String USAGE = """
            usage: java -jar quarkus-run.jar [command]
              (no command)              serve HTTP
              migrate [--target V]      apply pending migrations (up to V)          ~ alembic upgrade head / +1
              migrate --dry-run [--target V]  print the SQL (and what V4 would do) per migration; change nothing
                                        ~ alembic upgrade --sql
              info                      every migration, its state, the current version ~ alembic history/current/heads
              pending [--write FILE]    the pending migrations, one per line (none: no output, an empty FILE);
                                        what the backup init-container reads to skip the backup
              validate                  fail unless the database matches this build's migrations
              drift                     compare the live schema with the applied version's; exit 1 per difference
              undo [--to V]             revert the newest migration (down to V)      ~ alembic downgrade -1 / V
              undo --dry-run [--to V]   print the undo scripts that would run; change nothing
              baseline --version V      mark an existing database as being at V      ~ alembic stamp
              repair                    remove failed entries, realign checksums in the history table""";

    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "migrate", Set.of("target", DRY_RUN),
            "info", Set.of(),
            "pending", Set.of("write"),
            "validate", Set.of(),
            "drift", Set.of(),
            "undo", Set.of("to", DRY_RUN),
            "baseline", Set.of("version"),
            "repair", Set.of(),
            "help", Set.of());

    public static CommandLine parse(String... args) {
        String command = args[0].toLowerCase();
        if (command.equals("--help") || command.equals("-h")) {
            command = "help";
        }
        Set<String> allowed = OPTIONS.get(command);
        if (allowed == null) {
            throw usage("unknown command '" + args[0] + "'");
        }
        Map<String, String> options = new LinkedHashMap<>();
        List<String> rest = List.of(args).subList(1, args.length);
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) {
                throw usage("unexpected argument '" + arg + "' for " + command);
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (name.equals(DRY_RUN)) {
                if (!allowed.contains(DRY_RUN)) {
                    throw usage(command + " takes no option --" + DRY_RUN);
                }
                options.put(DRY_RUN, "true");
                continue;
            }
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < rest.size()) {
                value = rest.get(++i);
            } else {
                throw usage("option --" + name + " of " + command + " needs a value");
            }
            if (!allowed.contains(name)) {
                throw usage(command + " takes no option --" + name);
            }
            if (value.isBlank()) {
                throw usage("option --" + name + " of " + command + " needs a value");
            }
            options.put(name, value.trim());
        }
        if (command.equals("baseline") && !options.containsKey("version")) {
            throw usage("baseline needs --version V (the version the existing database is at, e.g. 1)");
        }
        return new CommandLine(command, options);
    }

    public boolean isHelp() {
        return command.equals("help");
    }

    public String option(String name) {
        return options.get(name);
    }

    public boolean dryRun() {
        return options.containsKey(DRY_RUN);
    }

    /** A version argument: "4", "V4" and "v4" mean the same version. */
    static MigrationVersion version(String text) {
        String plain = text.startsWith("V") || text.startsWith("v") ? text.substring(1) : text;
        try {
            return MigrationVersion.fromVersion(plain);
        } catch (FlywayException | NumberFormatException e) {
            throw new CommandFailure(CommandFailure.USAGE, "aegis: '" + text + "' is not a migration version (e.g. 3 or 3.1)");
        }
    }

    private static CommandFailure usage(String problem) {
        return new CommandFailure(CommandFailure.USAGE,
                "aegis: " + problem + "; commands: migrate [--dry-run] [--target V], info, pending [--write FILE], "
                        + "validate, drift, undo [--dry-run] [--to V], baseline --version V, repair (see --help)");
    }
}
