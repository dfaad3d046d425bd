package com.aegis.vault.testing;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Whatever `./mvnw package` built last, run as a separate process with the service's command-line
 * arguments and a PostgreSQL database in its environment, as the Kubernetes init-container, a Job or
 * an operator runs it: the native executable after `-Dnative`, else `java -jar quarkus-run.jar`.
 *
 * <p>target/quarkus-artifact.properties decides which, because it is what the build wrote: a tree can
 * hold a jar and an executable from earlier builds, and testing the stale one would pass for the wrong
 * artifact. The executable's path is failsafe's {@code native.image.path}, the one Quarkus' own
 * {@code @QuarkusIntegrationTest} launcher starts.
 */
public final class PackagedApp {

    private static final Path TARGET = Path.of("target");

    /** What ran and how it ended. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr, Duration took) {

        /** Standard output then standard error, for assertion messages. */
        public String output() {
            return stdout + stderr;
        }
    }

    private final String database;

    /** The packaged application configured for this database (datasource variables as the Secret sets them). */
    public PackagedApp(String database) {
        commandLine(); // fail here, with the reason, when nothing was packaged
        this.database = database;
    }

    /** The command that starts the packaged application, followed by these arguments. */
    public static List<String> commandLine(String... args) {
        Properties artifact = new Properties();
        Path descriptor = TARGET.resolve("quarkus-artifact.properties");
        try (Reader reader = Files.newBufferedReader(descriptor)) {
            artifact.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("no packaged application: " + descriptor
                    + " is missing (integration tests run after `./mvnw package`)", e);
        }
        List<String> command = new ArrayList<>();
        String type = artifact.getProperty("type");
        switch (type) {
            case "jar" -> {
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.add("-jar");
                command.add(existing(TARGET.resolve(artifact.getProperty("path"))).toString());
            }
            case "native" -> {
                String configured = System.getProperty("native.image.path");
                Path runner = configured != null ? Path.of(configured) : TARGET.resolve(artifact.getProperty("path"));
                command.add(existing(runner).toString());
            }
            default -> throw new IllegalStateException("cannot run a packaged artifact of type " + type);
        }
        command.addAll(List.of(args));
        return command;
    }

    private static Path existing(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: target/quarkus-artifact.properties names it as the build's output");
        }
        return path.toAbsolutePath();
    }

    /**
     * A process builder for one run against this database. Entries of {@code extraEnv} are added to
     * the environment; an empty value removes the variable (an empty variable would unset the property
     * instead). QUARKUS_* and DATABASE_URL of the test's own environment are not passed on.
     */
    public ProcessBuilder builder(Map<String, String> extraEnv, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(commandLine(args));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.equals("DATABASE_URL"));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", PostgresTestDatabase.urlOf(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", PostgresTestDatabase.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", PostgresTestDatabase.password());
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

    public Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    public Result run(Map<String, String> extraEnv, String... args) throws Exception {
        ProcessBuilder builder = builder(extraEnv, args);
        long start = System.nanoTime();
        return await(builder, builder.start(), start);
    }

    /** Waits for a process started from {@link #builder} (3 minutes at most, then kills it). */
    public static Result await(ProcessBuilder builder, Process process) throws Exception {
        return await(builder, process, System.nanoTime());
    }

    private static Result await(ProcessBuilder builder, Process process, long startNanos) throws Exception {
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("timed out: " + builder.command() + "\n" + read(builder.redirectOutput().file())
                    + read(builder.redirectError().file()));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        return new Result(builder.command(), process.exitValue(), read(builder.redirectOutput().file()),
                read(builder.redirectError().file()), took);
    }

    private static String read(File file) {
        try {
            String text = Files.readString(file.toPath(), StandardCharsets.UTF_8);
            Files.deleteIfExists(file.toPath());
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
