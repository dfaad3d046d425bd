package com.aegis.vault.deploy;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1HTTPGetAction;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1Volume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders deploy/ with `kubectl kustomize` (every overlay, both migration strategies), validates each
 * object against the Kubernetes API schema ({@link RenderedManifests}) and checks what a rollout relies
 * on: the schema is migrated by the app's own image with the app's own secret before the app starts,
 * the app never migrates, probes hit the endpoints this build serves, and every container is bounded
 * and locked down. Plain JUnit: no Quarkus application is started.
 */
class KustomizeManifestsTest {

    private static final String APP = "app";
    private static final Set<String> SECRET_KEYS = Set.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_ISSUER");

    private static Path kubectl;
    private static final QuarkusSettings SETTINGS = QuarkusSettings.load();

    @BeforeAll
    static void findKubectl() {
        kubectl = Kustomize.kubectl().orElse(null);
        assumeTrue(kubectl != null, "kubectl is not installed: deploy/ manifests NOT checked"
                + " (install kubectl; .ci/run must provide it)");
    }

    private static RenderedManifests render(String overlay) throws IOException {
        return RenderedManifests.parse(Kustomize.render(kubectl, overlay));
    }

    // ---- the default strategy: a migrate init-container in every pod --------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"overlays/prod", "overlays/dev"})
    void initContainerMigratesWithTheAppImageAndSecretBeforeTheAppStarts(String overlay) throws IOException {
        V1Deployment deployment = render(overlay).one(V1Deployment.class);
        V1PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        V1Container app = appContainer(pod);

        assertNotNull(pod.getInitContainers(), overlay + ": no init-container");
        assertEquals(List.of("pending", "backup", "migrate"), pod.getInitContainers().stream().map(V1Container::getName).toList(),
                overlay + ": backup first, then migrate, then the app");
        V1Container migrate = pod.getInitContainers().get(2);
        assertAll(overlay,
                () -> assertEquals(List.of("migrate"), migrate.getArgs(), "init-container runs the migrate command"),
                () -> assertTrue(migrate.getCommand() == null || migrate.getCommand().isEmpty(), "the image's entrypoint is kept: it works for the JVM and the native image"),
                () -> assertEquals(app.getImage(), migrate.getImage(), "same image as the app"),
                () -> assertEquals(secretRefs(app), secretRefs(migrate), "same database/JWT secret as the app"),
                () -> assertFalse(secretRefs(app).isEmpty(), "the app reads its datasource from a Secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/prod", "overlays/dev", "overlays/prod-migration-job"})
    void appContainersNeverMigrateAtStart(String overlay) throws IOException {
        V1Container app = appContainer(render(overlay).one(V1Deployment.class).getSpec().getTemplate().getSpec());
        assertEquals("false", env(app, "QUARKUS_FLYWAY_MIGRATE_AT_START"), overlay);
        assertEquals("false", SETTINGS.prod("quarkus.flyway.migrate-at-start", "false"),
                "the prod profile itself must not migrate at start either");
    }

    // ---- the alternative strategy: a migration Job ----------------------------------------------

    @Test
    void migrationJobRunsMigrateWithTheAppImageAndSecretAndPodsCarryNoInitContainer() throws IOException {
        RenderedManifests rendered = render("overlays/prod-migration-job");
        V1Deployment deployment = rendered.one(V1Deployment.class);
        V1Container app = appContainer(deployment.getSpec().getTemplate().getSpec());
        V1Job job = rendered.one(V1Job.class);
        V1PodSpec jobPod = job.getSpec().getTemplate().getSpec();
        assertEquals(1, jobPod.getContainers().size());
        V1Container migrate = jobPod.getContainers().get(0);

        assertAll(
                () -> assertTrue(deployment.getSpec().getTemplate().getSpec().getInitContainers() == null
                        || deployment.getSpec().getTemplate().getSpec().getInitContainers().isEmpty(),
                        "with the Job strategy the pods must not migrate as well"),
                () -> assertEquals(List.of("migrate"), migrate.getArgs()),
                () -> assertEquals(app.getImage(), migrate.getImage(), "the Job migrates with the build that will serve"),
                () -> assertEquals(secretRefs(app), secretRefs(migrate)),
                () -> assertEquals(configMapRefs(app), configMapRefs(migrate)),
                () -> assertEquals(deployment.getMetadata().getNamespace(), job.getMetadata().getNamespace()),
                () -> assertEquals("Never", jobPod.getRestartPolicy(), "a failed migration is retried by a fresh pod"),
                () -> assertNotNull(job.getSpec().getBackoffLimit(), "backoffLimit"),
                () -> assertTrue(job.getSpec().getBackoffLimit() <= 6, "a broken migration must not retry for ever"),
                () -> assertNotNull(job.getSpec().getTtlSecondsAfterFinished(),
                        "ttlSecondsAfterFinished: a finished Job is removed, so the next release can create it again"),
                () -> assertNotNull(job.getSpec().getActiveDeadlineSeconds(), "a hanging migration is stopped"));
    }

    @Test
    void bothProductionStrategiesDeployTheSameApplication() throws IOException {
        V1Deployment initContainer = render("overlays/prod").one(V1Deployment.class);
        V1Deployment job = render("overlays/prod-migration-job").one(V1Deployment.class);
        job.getSpec().getTemplate().getSpec().setInitContainers(initContainer.getSpec().getTemplate().getSpec().getInitContainers());
        job.getSpec().getTemplate().getSpec().setVolumes(initContainer.getSpec().getTemplate().getSpec().getVolumes());
        assertEquals(initContainer, job, "the two prod overlays differ only in how the schema is migrated");
    }

    // ---- backup before production migrates -----------------------------------------------------------

    /**
     * In both strategies the pod that migrates first runs `pending` (the app's image, writing what `migrate`
     * would apply to a file on a shared emptyDir), then the PostgreSQL client image's pg-backup.sh, which
     * dumps only when that file is not empty (BackupScriptTest runs the script), then `migrate`.
     */
    @ParameterizedTest
    @ValueSource(strings = {"overlays/prod", "overlays/prod-migration-job", "overlays/dev"})
    void aBackupIsTakenBeforeMigrateWhenSomethingIsPending(String overlay) throws IOException {
        RenderedManifests rendered = render(overlay);
        V1Deployment deployment = rendered.one(V1Deployment.class);
        V1Container app = appContainer(deployment.getSpec().getTemplate().getSpec());
        V1PodSpec pod = overlay.endsWith("migration-job")
                ? rendered.one(V1Job.class).getSpec().getTemplate().getSpec() : deployment.getSpec().getTemplate().getSpec();
        List<V1Container> steps = new ArrayList<>(pod.getInitContainers());
        steps.addAll(pod.getContainers());
        List<String> names = steps.stream().map(V1Container::getName).toList();
        assertTrue(names.indexOf("pending") >= 0 && names.indexOf("pending") < names.indexOf("backup")
                && names.indexOf("backup") < names.indexOf("migrate"), overlay + ": pending, backup, then migrate: " + names);
        V1Container pending = steps.get(names.indexOf("pending"));
        V1Container backup = steps.get(names.indexOf("backup"));

        assertEquals(app.getImage(), pending.getImage(), "`pending` is the build that will migrate");
        assertEquals(3, pending.getArgs().size());
        assertEquals(List.of("pending", "--write"), pending.getArgs().subList(0, 2));
        String planFile = pending.getArgs().get(2);
        assertEquals(planFile, env(backup, "AEGIS_PENDING_FILE"), "the backup reads the file `pending` writes");
        String planVolume = mountOf(pending, planFile);
        assertNotNull(planVolume, "the plan file is on a volume");
        assertEquals(planVolume, mountOf(backup, planFile), "the same volume in both steps");
        assertNotNull(volume(pod, planVolume).getEmptyDir(), "the plan lives and dies with the pod");

        assertTrue(backup.getImage().matches(".*/postgres:(\\d+)(\\.\\d+)?"), "a pinned PostgreSQL client image: " + backup.getImage());
        int clientMajor = Integer.parseInt(backup.getImage().replaceAll(".*:(\\d+).*", "$1"));
        assertTrue(clientMajor >= 15, "pg_dump must be at least the server's major version (15)");
        assertEquals(secretRefs(app), secretRefs(backup), "the backup connects with the app's Secret");
        assertEquals(List.of("/bin/sh", "/scripts/pg-backup.sh"), backup.getCommand());
        V1Volume script = volume(pod, mountOf(backup, "/scripts/pg-backup.sh"));
        V1ConfigMap scripts = rendered.all(V1ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(script.getConfigMap().getName())).findFirst().orElseThrow();
        assertEquals(Files.readString(Kustomize.DEPLOY.resolve("base/backup/pg-backup.sh")), scripts.getData().get("pg-backup.sh"),
                "the script BackupScriptTest runs is the one deployed");
        V1Volume backups = volume(pod, mountOf(backup, env(backup, "AEGIS_BACKUP_DIR") + "/x.dump"));
        assertNotNull(backups.getPersistentVolumeClaim(), "dumps go to a persistent volume (or the operator's own)");
        assertTrue(rendered.all(io.kubernetes.client.openapi.models.V1PersistentVolumeClaim.class).stream()
                .anyMatch(c -> c.getMetadata().getName().equals(backups.getPersistentVolumeClaim().getClaimName())),
                "the claim is part of the release");
    }

    /** The volume mounted at the directory holding {@code path} in the container, or null. */
    private static String mountOf(V1Container container, String path) {
        return container.getVolumeMounts() == null ? null : container.getVolumeMounts().stream()
                .filter(m -> path.startsWith(m.getMountPath() + "/")).map(m -> m.getName()).findFirst().orElse(null);
    }

    private static V1Volume volume(V1PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    // ---- rollout safety ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"overlays/prod", "overlays/dev", "overlays/prod-migration-job"})
    void rolloutsAndDisruptionsKeepPodsServing(String overlay) throws IOException {
        RenderedManifests rendered = render(overlay);
        V1Deployment deployment = rendered.one(V1Deployment.class);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

        assertTrue(deployment.getSpec().getReplicas() >= 2, overlay + ": at least 2 replicas");
        assertEquals("RollingUpdate", deployment.getSpec().getStrategy().getType());
        assertEquals(new IntOrString(0), deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable(),
                overlay + ": a rollout never goes below the desired pod count");
        assertTrue(selects(deployment.getSpec().getSelector().getMatchLabels(), podLabels),
                "the Deployment's selector matches its own pods (the API server refuses it otherwise)");

        V1PodDisruptionBudget pdb = rendered.one(V1PodDisruptionBudget.class);
        assertTrue(selects(pdb.getSpec().getSelector().getMatchLabels(), podLabels), "the PDB covers the app pods");
        assertTrue(pdb.getSpec().getMinAvailable() != null || pdb.getSpec().getMaxUnavailable() != null);
        if (pdb.getSpec().getMaxUnavailable() != null) {
            assertTrue(pdb.getSpec().getMaxUnavailable().getIntValue() < deployment.getSpec().getReplicas(),
                    "a drain must leave at least one pod");
        }
        assertEquals(deployment.getMetadata().getNamespace(), pdb.getMetadata().getNamespace());
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/prod", "overlays/dev"})
    void serviceRoutesToTheHttpPortOfTheAppPods(String overlay) throws IOException {
        RenderedManifests rendered = render(overlay);
        V1Deployment deployment = rendered.one(V1Deployment.class);
        V1Service service = rendered.one(V1Service.class);
        V1Container app = appContainer(deployment.getSpec().getTemplate().getSpec());

        assertTrue(selects(service.getSpec().getSelector(), deployment.getSpec().getTemplate().getMetadata().getLabels()));
        assertEquals(1, service.getSpec().getPorts().size());
        assertEquals(Integer.parseInt(SETTINGS.prod("quarkus.http.port", "8080")),
                containerPort(app, service.getSpec().getPorts().get(0).getTargetPort()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/prod", "overlays/dev", "overlays/prod-migration-job"})
    void gracefulShutdownFitsInTheTerminationGracePeriod(String overlay) throws IOException {
        RenderedManifests rendered = render(overlay);
        V1PodSpec pod = rendered.one(V1Deployment.class).getSpec().getTemplate().getSpec();
        String delayEnv = env(appContainer(pod), "QUARKUS_SHUTDOWN_DELAY");
        assertNotNull(delayEnv, "the serving container sets its shutdown delay");
        Duration delay = QuarkusSettings.duration(delayEnv);
        Duration timeout = SETTINGS.prodDuration("quarkus.shutdown.timeout", null);
        assertEquals("true", SETTINGS.prod("quarkus.shutdown.delay-enabled", "false"),
                "readiness goes DOWN on SIGTERM while requests are still served (build-time switch)");
        assertTrue(delay.toSeconds() >= 3, "the shutdown delay covers the endpoints' propagation");
        assertTrue(timeout.toSeconds() >= 10, "in-flight requests get time to finish");
        assertTrue(pod.getTerminationGracePeriodSeconds() > delay.plus(timeout).toSeconds(),
                "the kubelet must not SIGKILL before Quarkus has drained (grace "
                        + pod.getTerminationGracePeriodSeconds() + "s, needs > " + delay.plus(timeout).toSeconds() + "s)");

        // the commands exit through the same shutdown: they must not idle through a delay
        assertEquals(Duration.ZERO, SETTINGS.prodDuration("quarkus.shutdown.delay", null),
                "no shutdown delay in application.properties: `migrate` would wait it out on every pod start");
        List<V1Container> commands = new ArrayList<>();
        if (pod.getInitContainers() != null) {
            commands.addAll(pod.getInitContainers());
        }
        rendered.all(V1Job.class).forEach(job -> commands.addAll(job.getSpec().getTemplate().getSpec().getContainers()));
        assertFalse(commands.isEmpty());
        for (V1Container command : commands) {
            assertNull(env(command, "QUARKUS_SHUTDOWN_DELAY"), command.getName() + " runs a command, not a server");
        }
    }

    // ---- probes ------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"overlays/prod", "overlays/dev", "overlays/prod-migration-job"})
    void probesHitTheHealthEndpointsThisBuildServes(String overlay) throws IOException {
        V1Container app = appContainer(render(overlay).one(V1Deployment.class).getSpec().getTemplate().getSpec());
        int port = SETTINGS.healthPort();
        assertAll(overlay,
                () -> assertProbe(app, app.getLivenessProbe(), SETTINGS.healthPath("liveness"), port),
                () -> assertProbe(app, app.getReadinessProbe(), SETTINGS.healthPath("readiness"), port),
                () -> assertProbe(app, app.getStartupProbe(), SETTINGS.healthPath("startup"), port));
        assertEquals("/q/health/ready", SETTINGS.healthPath("readiness"), "API.md fixes the readiness path");
        assertEquals("/q/health/live", SETTINGS.healthPath("liveness"), "API.md fixes the liveness path");
    }

    private static void assertProbe(V1Container container, V1Probe probe, String path, int port) {
        assertNotNull(probe, "probe missing for " + path);
        V1HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, "an HTTP probe for " + path);
        assertEquals(path, get.getPath());
        assertEquals(port, containerPort(container, get.getPort()), "probe port for " + path);
        assertTrue(probe.getTimeoutSeconds() != null && probe.getTimeoutSeconds() >= 1);
    }

    // ---- resources and hardening ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"overlays/prod", "overlays/dev", "overlays/prod-migration-job"})
    void everyContainerIsBoundedAndLockedDown(String overlay) throws IOException {
        RenderedManifests rendered = render(overlay);
        List<String> problems = new ArrayList<>();
        for (V1Deployment deployment : rendered.all(V1Deployment.class)) {
            checkPod("Deployment " + deployment.getMetadata().getName(), deployment.getSpec().getTemplate().getSpec(), problems);
        }
        for (V1Job job : rendered.all(V1Job.class)) {
            checkPod("Job " + job.getMetadata().getName(), job.getSpec().getTemplate().getSpec(), problems);
        }
        if (!problems.isEmpty()) {
            fail(overlay + ":\n  " + String.join("\n  ", problems));
        }
    }

    private static void checkPod(String owner, V1PodSpec pod, List<String> problems) {
        V1PodSecurityContext podSecurity = pod.getSecurityContext();
        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            problems.add(owner + ": mounts a service-account token it never uses");
        }
        List<V1Container> containers = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            containers.addAll(pod.getInitContainers());
        }
        for (V1Container c : containers) {
            String where = owner + " container " + c.getName();
            V1ResourceRequirements resources = c.getResources();
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = resources == null || resources.getRequests() == null ? null : resources.getRequests().get(resource);
                Quantity limit = resources == null || resources.getLimits() == null ? null : resources.getLimits().get(resource);
                if (request == null || limit == null) {
                    problems.add(where + ": " + resource + " request and limit required");
                } else if (request.getNumber().compareTo(limit.getNumber()) > 0) {
                    problems.add(where + ": " + resource + " request above its limit");
                }
            }
            V1SecurityContext sc = c.getSecurityContext();
            if (sc == null) {
                problems.add(where + ": no securityContext");
                continue;
            }
            boolean nonRoot = Boolean.TRUE.equals(sc.getRunAsNonRoot())
                    || (sc.getRunAsNonRoot() == null && podSecurity != null && Boolean.TRUE.equals(podSecurity.getRunAsNonRoot()));
            Long uid = sc.getRunAsUser() != null ? sc.getRunAsUser() : podSecurity == null ? null : podSecurity.getRunAsUser();
            String seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile().getType()
                    : podSecurity != null && podSecurity.getSeccompProfile() != null ? podSecurity.getSeccompProfile().getType() : null;
            if (!nonRoot) {
                problems.add(where + ": runAsNonRoot must be true");
            }
            if (uid == null || uid == 0) {
                problems.add(where + ": needs a numeric non-root runAsUser (the kubelet cannot verify a user name)");
            }
            if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                problems.add(where + ": allowPrivilegeEscalation must be false");
            }
            if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                problems.add(where + ": readOnlyRootFilesystem must be true");
            }
            if (sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null
                    || !sc.getCapabilities().getDrop().contains("ALL")
                    || (sc.getCapabilities().getAdd() != null && !sc.getCapabilities().getAdd().isEmpty())) {
                problems.add(where + ": must drop ALL capabilities and add none");
            }
            if (Boolean.TRUE.equals(sc.getPrivileged())) {
                problems.add(where + ": privileged");
            }
            if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
                problems.add(where + ": seccomp profile RuntimeDefault required");
            }
            boolean writableTmp = c.getVolumeMounts() != null && c.getVolumeMounts().stream().anyMatch(m ->
                    "/tmp".equals(m.getMountPath()) && pod.getVolumes() != null && pod.getVolumes().stream()
                            .filter(v -> v.getName().equals(m.getName())).map(V1Volume::getEmptyDir).anyMatch(Objects::nonNull));
            if (!writableTmp) {
                problems.add(where + ": a read-only root filesystem needs an emptyDir on /tmp (JVM, Vert.x temp files)");
            }
        }
    }

    // ---- configuration and secrets ---------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"overlays/prod", "overlays/dev"})
    void everyBusinessSettingIsInTheConfigMapTheAppReads(String overlay) throws IOException {
        RenderedManifests rendered = render(overlay);
        V1Container app = appContainer(rendered.one(V1Deployment.class).getSpec().getTemplate().getSpec());
        V1ConfigMap config = rendered.all(V1ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("aegis-trust-vault-config")).findFirst().orElseThrow();
        assertEquals(List.of(config.getMetadata().getName()), configMapRefs(app));

        Set<String> expected = SETTINGS.keysStartingWith("aegis.").stream().map(QuarkusSettings::envName).collect(Collectors.toSet());
        assertFalse(expected.isEmpty());
        assertTrue(config.getData().keySet().containsAll(expected),
                "ConfigMap keys " + config.getData().keySet() + " must cover " + expected);
        new BigDecimal(config.getData().get("AEGIS_APPROVALS_AMOUNT_THRESHOLD")); // a decimal, as ApprovalsConfig expects
        Integer.parseInt(config.getData().get("AEGIS_APPROVALS_RISK_THRESHOLD"));
    }

    @Test
    void productionRendersWithoutAnySecretCommitted() throws IOException {
        RenderedManifests committed = RenderedManifests.parse(Kustomize.renderInPlace(kubectl, "overlays/prod"));
        assertTrue(committed.all(V1Secret.class).isEmpty(), "prod takes its Secret from the cluster, never from git");
        V1Container app = appContainer(committed.one(V1Deployment.class).getSpec().getTemplate().getSpec());
        assertEquals(List.of("aegis-trust-vault-secrets"), secretRefs(app),
                "the name secrets.env.example tells operators to create");
    }

    @Test
    void theSecretTemplateNamesEverySettingTheSecretMustHold() throws IOException {
        Properties template = new Properties();
        try (var reader = Files.newBufferedReader(Kustomize.DEPLOY.resolve("secrets.env.example"))) {
            template.load(reader);
        }
        assertTrue(template.stringPropertyNames().containsAll(SECRET_KEYS), "secrets.env.example lacks "
                + SECRET_KEYS.stream().filter(k -> !template.containsKey(k)).toList());

        // dev generates its Secret from a copy of the template: the app and the init-container see its keys
        RenderedManifests dev = render("overlays/dev");
        V1Secret secret = dev.one(V1Secret.class);
        assertTrue(secret.getData().keySet().containsAll(SECRET_KEYS));
        V1PodSpec pod = dev.one(V1Deployment.class).getSpec().getTemplate().getSpec();
        assertEquals(List.of(secret.getMetadata().getName()), secretRefs(appContainer(pod)));
        pod.getInitContainers().forEach(init ->
                assertEquals(List.of(secret.getMetadata().getName()), secretRefs(init), init.getName()));
    }

    @Test
    void devOverlayRefusesToRenderWithoutItsLocalSecretsFile() {
        assumeTrue(!Files.exists(Kustomize.DEPLOY.resolve("overlays/dev/secrets.env")), "a local dev secrets.env exists");
        assertThrows(AssertionError.class, () -> Kustomize.renderInPlace(kubectl, "overlays/dev"));
    }

    // ---- the validator itself ------------------------------------------------------------------------

    @Test
    void theSchemaValidatorRejectsWhatTheApiServerWould() {
        String valid = """
                apiVersion: v1
                kind: Service
                metadata: {name: s}
                spec:
                  ports: [{port: 80, targetPort: http}]
                """;
        assertEquals(1, assertDoesNotThrowParse(valid).objects.size());
        assertThrows(AssertionError.class, () -> RenderedManifests.parse(valid.replace("ports:", "portz:")),
                "an unknown field");
        assertThrows(AssertionError.class, () -> RenderedManifests.parse(valid.replace("port: 80", "port: [80]")),
                "a wrong type");
        assertThrows(AssertionError.class, () -> RenderedManifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  template:
                    spec:
                      containers: [{name: c, image: i}]
                """), "a Deployment without its required selector");
        assertThrows(AssertionError.class, () -> RenderedManifests.parse(valid.replace("apiVersion: v1", "apiVersion: v2")),
                "an apiVersion that is not served");
    }

    private static RenderedManifests assertDoesNotThrowParse(String yaml) {
        try {
            return RenderedManifests.parse(yaml);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static V1Container appContainer(V1PodSpec pod) {
        return pod.getContainers().stream().filter(c -> APP.equals(c.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container named " + APP));
    }

    private static String env(V1Container container, String name) {
        return container.getEnv() == null ? null : container.getEnv().stream()
                .filter(e -> name.equals(e.getName())).map(V1EnvVar::getValue).findFirst().orElse(null);
    }

    private static List<String> secretRefs(V1Container container) {
        return container.getEnvFrom() == null ? List.of() : container.getEnvFrom().stream()
                .map(V1EnvFromSource::getSecretRef).filter(Objects::nonNull).map(r -> r.getName()).toList();
    }

    private static List<String> configMapRefs(V1Container container) {
        return container.getEnvFrom() == null ? List.of() : container.getEnvFrom().stream()
                .map(V1EnvFromSource::getConfigMapRef).filter(Objects::nonNull).map(r -> r.getName()).toList();
    }

    /** Resolves a probe's or Service's port (a number or a named container port) to the container port number. */
    private static int containerPort(V1Container container, IntOrString port) {
        if (port.isInteger()) {
            return port.getIntValue();
        }
        return container.getPorts().stream().filter(p -> port.getStrValue().equals(p.getName()))
                .map(V1ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrValue()));
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }
}
