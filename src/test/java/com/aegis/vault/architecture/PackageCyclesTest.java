package com.aegis.vault.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each package under com.aegis.vault is a room: rooms may lean on each other, but never in a circle
 * (auditlog -> security -> advocate -> auditlog was one). A plain unit test over the compiled classes.
 */
class PackageCyclesTest {

    private static final ArchRule NO_CYCLES = slices().matching("com.aegis.vault.(*)..").should().beFreeOfCycles();

    @Test
    void theApplicationsPackagesAreFreeOfCycles() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.aegis.vault");
        Set<String> packages = production.stream()
                .map(c -> c.getPackageName().replaceFirst("^com\\.aegis\\.vault\\.([^.]+).*", "$1"))
                .collect(Collectors.toSet());
        // The rule is only as good as what it sees: every room, the ones split out of `migration` included.
        assertTrue(packages.containsAll(Set.of("auditlog", "security", "advocate", "approval", "pagination",
                "idempotency", "hashing", "command", "schema", "legacybills", "config", "devdata")), packages.toString());
        NO_CYCLES.check(production);
    }

    @Test
    void theRuleFailsOnACycle() {
        JavaClasses cyclic = new ClassFileImporter().importClasses(
                com.aegis.vault.architecture.cycle.a.First.class, com.aegis.vault.architecture.cycle.b.Second.class);
        EvaluationResult result = slices().matching("com.aegis.vault.architecture.cycle.(*)..")
                .should().beFreeOfCycles().evaluate(cyclic);
        assertTrue(result.hasViolation(), "a -> b -> a must be reported");
        assertFalse(result.getFailureReport().getDetails().isEmpty());
        assertEquals(1, result.getFailureReport().getDetails().stream().filter(d -> d.contains("Cycle detected")).count(),
                result.getFailureReport().toString());
    }
}
