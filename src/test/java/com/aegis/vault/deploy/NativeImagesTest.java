package com.aegis.vault.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.deployment.pkg.NativeConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.Reader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native images as `docker build` would make them (no Docker engine here, so the Dockerfiles are
 * parsed): the executable this build produces is what gets copied and started, by a non-root user the
 * Kubernetes manifests agree with, on the base matching the Mandrel builder Quarkus itself uses for
 * container builds. A renamed artifact, a moved WORKDIR or a root user fails here, not at deploy time.
 */
class NativeImagesTest {

    private static final String MICRO_BASE = "quay.io/quarkus/ubi9-quarkus-micro-image:";
    private static final String MANDREL_JDK_25 = "quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25";

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.native", "src/main/docker/Dockerfile.native-multistage"})
    void theImageStartsTheBuiltExecutableAsTheManifestsNonRootUser(String file) throws Exception {
        Dockerfile dockerfile = Dockerfile.read(Path.of(file));
        Dockerfile.Stage image = dockerfile.image();

        assertTrue(image.image().startsWith(MICRO_BASE) && !image.image().endsWith(":latest"),
                file + ": a pinned UBI 9 micro base (the glibc of the UBI 9 builder), not " + image.image());

        String user = image.last("USER").orElseThrow(() -> new AssertionError(file + ": no USER, the image would run as root"));
        assertTrue(user.matches("[1-9][0-9]*(:[0-9]+)?"), file + ": a numeric non-root USER (runAsNonRoot can only verify a number): " + user);
        assertEquals(deploymentRunAsUser(), Integer.parseInt(user.split(":")[0]), file + ": USER is the pods' runAsUser");

        // ENTRYPOINT in exec form, no CMD: `docker run image migrate` and the manifests' args reach the service.
        List<String> entrypoint = jsonArray(image.last("ENTRYPOINT").orElseThrow(() -> new AssertionError(file + ": no ENTRYPOINT")));
        assertEquals(1, entrypoint.size(), file + ": the executable alone, arguments come from the pod: " + entrypoint);
        assertTrue(image.all("CMD").isEmpty(), file + ": no CMD (it would become the service's arguments)");
        String workdir = image.last("WORKDIR").orElse("/");
        Path started = Path.of(workdir).resolve(entrypoint.get(0)).normalize();

        // The COPY that puts the executable where ENTRYPOINT starts it takes the runner this build produces.
        String copy = image.all("COPY").stream()
                .filter(c -> Path.of(workdir).resolve(lastWord(c)).normalize().equals(started))
                .findFirst().orElseThrow(() -> new AssertionError(file + ": nothing is copied to " + started));
        assertTrue(copy.contains("--chmod=0755") || copy.contains("--chmod=755"), file + ": the executable is copied executable: " + copy);
        String source = words(copy).get(words(copy).size() - 2);
        String builtRunner;
        if (dockerfile.stages().size() > 1) {
            Dockerfile.Stage builder = dockerfile.stages().get(0);
            assertTrue(copy.contains("--from=" + builder.name()), file + ": the executable comes from the builder stage: " + copy);
            String builderWorkdir = builder.last("WORKDIR").orElse("/");
            builtRunner = Path.of(builderWorkdir).resolve("target").resolve(runnerName()).toString();
            assertTrue(builder.all("RUN").stream().anyMatch(r -> r.contains("package") && r.contains("-Dnative")),
                    file + ": the builder stage runs the native build");
        } else {
            builtRunner = "target/" + runnerName();
        }
        assertTrue(FileSystems.getDefault().getPathMatcher("glob:" + source).matches(Path.of(builtRunner)),
                file + ": COPY " + source + " does not match the build's executable " + builtRunner);

        assertTrue(image.all("EXPOSE").contains(QuarkusSettings.load().prod("quarkus.http.port", "8080")), file + ": EXPOSE the HTTP port");
        assertTrue(image.all("ENV").stream().anyMatch(e -> e.replace(' ', '=').equals("QUARKUS_HTTP_HOST=0.0.0.0")),
                file + ": listens on every interface of the container");
    }

    @Test
    void theMultiStageBuildUsesTheMandrelForJdk25BuilderQuarkusUsesForContainerBuilds() {
        Dockerfile dockerfile = Dockerfile.read(Path.of("src/main/docker/Dockerfile.native-multistage"));
        assertEquals(2, dockerfile.stages().size());
        String builder = dockerfile.stages().get(0).image();
        assertEquals(MANDREL_JDK_25, builder, "the toolchain the native suite runs on: Mandrel for JDK 25");
        assertEquals(quarkusContainerBuilder(), builder,
                "-Dquarkus.native.container-build=true (for Dockerfile.native) and the multi-stage build make the same executable");
        assertFalse(QuarkusSettings.load().keysStartingWith("quarkus.native.builder-image").stream().findAny().isPresent(),
                "no other builder configured for container builds");
    }

    /** What quarkus.native.builder-image=mandrel (the default) resolves to in this Quarkus version. */
    private static String quarkusContainerBuilder() {
        return new NativeConfig.BuilderImageConfig() {
            @Override
            public String image() {
                return "mandrel";
            }

            @Override
            public NativeConfig.ImagePullStrategy pull() {
                return NativeConfig.ImagePullStrategy.ALWAYS;
            }
        }.getEffectiveImage();
    }

    /** finalName + the runner suffix, as `./mvnw package -Dnative` names the executable. */
    private static String runnerName() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        String finalName = topLevel(pom, "finalName");
        if (finalName == null) {
            finalName = topLevel(pom, "artifactId") + "-" + topLevel(pom, "version");
        }
        String suffix = QuarkusSettings.load().prod("quarkus.package.runner-suffix", "-runner");
        String runner = finalName + suffix;
        Path descriptor = Path.of("target/quarkus-artifact.properties");
        if (Files.exists(descriptor)) { // after a native build: the name it really produced
            Properties artifact = new Properties();
            try (Reader reader = Files.newBufferedReader(descriptor)) {
                artifact.load(reader);
            }
            if ("native".equals(artifact.getProperty("type"))) {
                assertEquals(runner, Path.of(artifact.getProperty("path")).getFileName().toString());
            }
        }
        return runner;
    }

    private static String topLevel(Document pom, String element) {
        var nodes = pom.getDocumentElement().getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (element.equals(nodes.item(i).getNodeName())) {
                return nodes.item(i).getTextContent().strip();
            }
        }
        var build = pom.getElementsByTagName("build");
        if (build.getLength() > 0) {
            var children = build.item(0).getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (element.equals(children.item(i).getNodeName())) {
                    return children.item(i).getTextContent().strip();
                }
            }
        }
        return null;
    }

    private static int deploymentRunAsUser() throws Exception {
        JsonNode deployment = new ObjectMapper(new YAMLFactory()).readTree(Path.of("deploy/base/deployment.yaml").toFile());
        return deployment.at("/spec/template/spec/securityContext/runAsUser").asInt();
    }

    private static List<String> jsonArray(String text) throws Exception {
        JsonNode node = new ObjectMapper().readTree(text);
        assertTrue(node.isArray(), "exec form (a JSON array), so signals reach the service: " + text);
        return new ObjectMapper().convertValue(node, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {
        });
    }

    private static List<String> words(String arguments) {
        return List.of(arguments.split("\\s+"));
    }

    private static String lastWord(String arguments) {
        List<String> words = words(arguments);
        return words.get(words.size() - 1);
    }
}
