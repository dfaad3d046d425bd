package com.aegis.vault.command;

import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

    @Test
    void aCommandAndItsOptionsInEitherSpelling() {
        assertEquals(new CommandLine("migrate", Map.of()), CommandLine.parse("migrate"));
        assertEquals("4", CommandLine.parse("migrate", "--target", "4").option("target"));
        assertEquals("4", CommandLine.parse("migrate", "--target=4").option("target"));
        assertEquals("2", CommandLine.parse("undo", "--to", " 2 ").option("to"));
        assertEquals("1", CommandLine.parse("baseline", "--version", "1").option("version"));
        assertNull(CommandLine.parse("undo").option("to"));
    }

    @Test
    void commandNamesIgnoreCaseAndHelpHasThreeSpellings() {
        assertEquals("info", CommandLine.parse("INFO").command());
        assertTrue(CommandLine.parse("help").isHelp());
        assertTrue(CommandLine.parse("--help").isHelp());
        assertTrue(CommandLine.parse("-h").isHelp());
    }

    @Test
    void mistakesAreUsageErrorsThatSayWhatIsWrong() {
        assertUsage("unknown command 'upgrade'", "upgrade");
        assertUsage("unexpected argument 'head' for migrate", "migrate", "head");
        assertUsage("info takes no option --target", "info", "--target", "3");
        assertUsage("option --target of migrate needs a value", "migrate", "--target");
        assertUsage("option --target of migrate needs a value", "migrate", "--target=");
        assertUsage("baseline needs --version V", "baseline");
    }

    @Test
    void versionsMayCarryAV() {
        assertEquals(MigrationVersion.fromVersion("4"), CommandLine.version("4"));
        assertEquals(MigrationVersion.fromVersion("4"), CommandLine.version("V4"));
        assertEquals(MigrationVersion.fromVersion("3.1"), CommandLine.version("v3.1"));
        CommandFailure failure = assertThrows(CommandFailure.class, () -> CommandLine.version("head"));
        assertEquals(CommandFailure.USAGE, failure.exitCode());
        assertTrue(failure.getMessage().contains("'head' is not a migration version"), failure.getMessage());
    }

    private static void assertUsage(String expected, String... args) {
        CommandFailure failure = assertThrows(CommandFailure.class, () -> CommandLine.parse(args));
        assertEquals(CommandFailure.USAGE, failure.exitCode());
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }
}
