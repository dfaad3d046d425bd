package com.aegis.vault.migration;

import com.aegis.vault.testing.PostgresTestDatabase;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged jar (target/quarkus-app/quarkus-run.jar) against one PostgreSQL database, as operators do. */
final class PackagedApp {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    record Result(int exitCode, String stdout, String stderr) {
    }

    private final String database;

    PackagedApp(String database) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: integration tests run after `./mvnw package`");
        }
        this.database = database;
    }

    ProcessBuilder builder(Map<String, String> extraEnv, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.equals("DATABASE_URL"));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", PostgresTestDatabase.urlOf(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", PostgresTestDatabase.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", PostgresTestDatabase.password());
        // An empty value removes the variable (an empty variable would unset the property instead).
        extraEnv.forEach((name, value) -> {
            if (value.isEmpty()) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        builder.redirectOutput(File.createTempFile("aegis-out", ".log"));
        builder.redirectError(File.createTempFile("aegis-err", ".log"));
        return builder;
    }

    Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    Result run(Map<String, String> extraEnv, String... args) throws Exception {
        return await(builder(extraEnv, args));
    }

    static Result await(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        return await(builder, process);
    }

    static Result await(ProcessBuilder builder, Process process) throws Exception {
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + builder.command());
        }
        return new Result(process.exitValue(),
                Files.readString(builder.redirectOutput().file().toPath(), StandardCharsets.UTF_8),
                Files.readString(builder.redirectError().file().toPath(), StandardCharsets.UTF_8));
    }
}
