package com.aegis.vault.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs `kubectl kustomize` on a copy of deploy/, as an operator would after filling in the secret templates. */
final class Kustomize {

    static final Path DEPLOY = Path.of("deploy");

    private Kustomize() {
    }

    /** kubectl from PATH (or /usr/bin/kubectl); empty when this machine has none. */
    static Optional<Path> kubectl() {
        String path = System.getenv().getOrDefault("PATH", "") + java.io.File.pathSeparator + "/usr/bin:/usr/local/bin";
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Renders one overlay. deploy/ is copied to a scratch directory first, where every git-ignored
     * secrets.env an overlay generates its Secret from is created from the committed template, exactly
     * as the README tells an operator to.
     */
    static String render(Path kubectl, String overlay) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("aegis-deploy");
            Path copy = scratch.resolve("deploy");
            copyTree(DEPLOY, copy);
            try (Stream<Path> files = Files.walk(copy)) {
                for (Path kustomization : files.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).toList()) {
                    if (Files.readString(kustomization).contains("- secrets.env")) {
                        Files.copy(copy.resolve("secrets.env.example"), kustomization.resolveSibling("secrets.env"),
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return run(kubectl, copy.resolve(overlay));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
    }

    /** Renders the committed tree as it is (no secrets.env created). */
    static String renderInPlace(Path kubectl, String overlay) {
        return run(kubectl, DEPLOY.resolve(overlay));
    }

    private static String run(Path kubectl, Path dir) {
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectError(err.toFile())
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish in 60 s");
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + "): " + stderr);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.getFileName().toString().equals("secrets.env")) { // never a local secret
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a scratch directory left in /tmp is harmless
        }
    }
}
