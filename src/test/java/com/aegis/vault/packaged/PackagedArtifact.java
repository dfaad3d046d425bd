package com.aegis.vault.packaged;

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
 * The artifact `./mvnw package` built (target/quarkus-artifact.properties names it: the fast-jar's
 * quarkus-run.jar, or the native *-runner with -Dnative), run as a separate process with the
 * service's command-line arguments and environment, the way a container's init-container runs it.
 */
final class PackagedArtifact {

    private static final Path TARGET = Path.of("target");

    /** What ran and how it ended. */
    record Run(List<String> command, int exitCode, String output, Duration took) {
    }

    private PackagedArtifact() {
    }

    static List<String> commandLine(String... args) {
        Properties artifact = new Properties();
        Path descriptor = TARGET.resolve("quarkus-artifact.properties");
        try (Reader reader = Files.newBufferedReader(descriptor)) {
            artifact.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("no packaged application: " + descriptor + " is missing (run ./mvnw package)", e);
        }
        Path path = TARGET.resolve(artifact.getProperty("path")).toAbsolutePath();
        List<String> command = new ArrayList<>();
        switch (artifact.getProperty("type")) {
            case "jar" -> {
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.add("-jar");
                command.add(path.toString());
            }
            case "native" -> command.add(path.toString());
            default -> throw new IllegalStateException("cannot run a packaged artifact of type " + artifact.getProperty("type"));
        }
        command.addAll(List.of(args));
        return command;
    }

    /** Runs the artifact with these arguments and environment; gives up (and kills it) after the timeout. */
    static Run run(Map<String, String> environment, Duration timeout, String... args) {
        List<String> command = commandLine(args);
        long start = System.nanoTime();
        try {
            Path output = Files.createTempFile("aegis-packaged", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.deleteIfExists(output);
            if (!exited) {
                throw new AssertionError(String.join(" ", command) + " did not exit within " + timeout + ":\n" + text);
            }
            return new Run(command, process.exitValue(), text, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
