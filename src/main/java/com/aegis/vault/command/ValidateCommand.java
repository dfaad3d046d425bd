package com.aegis.vault.command;

import com.aegis.vault.schema.FailureMessages;
import com.aegis.vault.schema.SchemaStatus;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.ErrorCode;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

import java.io.PrintStream;
import java.util.stream.Collectors;

/**
 * {@code validate} — fails, naming each migration concerned, when the migrations applied to the
 * database differ from this build's: edited after being applied (checksum), renamed, missing from the
 * build, failed, or not yet applied.
 */
final class ValidateCommand {

    private final Flyway flyway;
    private final PrintStream out;

    ValidateCommand(Flyway flyway, PrintStream out) {
        this.flyway = flyway;
        this.out = out;
    }

    void run() {
        ValidateResult result = flyway.validateWithResult();
        if (result.validationSuccessful) {
            out.println("Valid: the " + result.validateCount + " migration(s) applied to the database match this build"
                    + " (version " + SchemaStatus.of(flyway).currentLabel() + ").");
            return;
        }
        if (result.invalidMigrations == null || result.invalidMigrations.isEmpty()) {
            throw new CommandFailure("aegis validate failed: " + FailureMessages.oneLine(result.getAllErrorMessages()));
        }
        throw new CommandFailure("aegis validate failed: " + result.invalidMigrations.stream()
                .map(ValidateCommand::explain)
                .collect(Collectors.joining("; ")));
    }

    static String explain(ValidateOutput invalid) {
        String name = (invalid.version == null || invalid.version.isEmpty() ? "repeatable" : "V" + invalid.version)
                + " (" + invalid.description + ")";
        ErrorCode code = invalid.errorDetails == null ? null : invalid.errorDetails.errorCode;
        String hint;
        if (code == CoreErrorCode.CHECKSUM_MISMATCH || code == CoreErrorCode.DESCRIPTION_MISMATCH
                || code == CoreErrorCode.TYPE_MISMATCH) {
            hint = "was changed after it was applied — restore the applied version from git and put the change in a new "
                    + "migration (only if the edit is cosmetic, run `repair` to accept it)";
        } else if (code == CoreErrorCode.RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED) {
            hint = "is not applied yet — run `migrate`";
        } else if (code == CoreErrorCode.APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED) {
            hint = "is applied in the database but missing from this build — deploy the build that has it, or `undo` it with that build";
        } else if (code == CoreErrorCode.FAILED_VERSIONED_MIGRATION) {
            hint = "failed half-way — revert its partial changes, run `repair`, then `migrate`";
        } else {
            hint = invalid.errorDetails == null ? "is invalid" : FailureMessages.oneLine(invalid.errorDetails.errorMessage);
        }
        return name + " " + hint;
    }
}
