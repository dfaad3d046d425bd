package com.aegis.vault.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects `kubectl kustomize` rendered for one overlay, each checked against the Kubernetes API
 * schema and parsed into the official client's typed model.
 *
 * <p>The io.kubernetes client-java-api models are generated from the Kubernetes OpenAPI document:
 * their {@code validateJsonElement} rejects a missing required field, a field the API does not know
 * (a misspelt {@code readinessProbe} would otherwise be silently dropped by the API server's
 * client-side apply) and a value of the wrong JSON type, recursively. Only the kinds this service
 * deploys are accepted, each with its exact apiVersion.
 */
final class RenderedManifests {

    private record Kind(String apiVersion, Class<?> model) {
    }

    private static final Map<String, Kind> KINDS = Map.of(
            "Deployment", new Kind("apps/v1", V1Deployment.class),
            "Service", new Kind("v1", V1Service.class),
            "ConfigMap", new Kind("v1", V1ConfigMap.class),
            "Secret", new Kind("v1", V1Secret.class),
            "ServiceAccount", new Kind("v1", V1ServiceAccount.class),
            "PodDisruptionBudget", new Kind("policy/v1", V1PodDisruptionBudget.class),
            "Job", new Kind("batch/v1", V1Job.class),
            "PersistentVolumeClaim", new Kind("v1", io.kubernetes.client.openapi.models.V1PersistentVolumeClaim.class));

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<Object> objects;

    private RenderedManifests(List<Object> objects) {
        this.objects = objects;
    }

    static RenderedManifests parse(String yaml) throws IOException {
        List<Object> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var documents = YAML.readValues(parser, JsonNode.class);
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isEmpty()) {
                    continue;
                }
                objects.add(validated(document));
            }
        }
        return new RenderedManifests(objects);
    }

    private static Object validated(JsonNode document) throws IOException {
        String kindName = document.path("kind").asText();
        String name = document.path("metadata").path("name").asText();
        Kind kind = KINDS.get(kindName);
        if (kind == null) {
            throw new AssertionError("unexpected kind " + kindName + " (" + name + ")");
        }
        if (!kind.apiVersion().equals(document.path("apiVersion").asText())) {
            throw new AssertionError(kindName + " " + name + " has apiVersion " + document.path("apiVersion").asText()
                    + ", the served version is " + kind.apiVersion());
        }
        String json = JSON.writeValueAsString(document);
        try {
            Method validate = kind.model().getMethod("validateJsonElement", com.google.gson.JsonElement.class);
            validate.invoke(null, JsonParser.parseString(json));
            return kind.model().getMethod("fromJson", String.class).invoke(null, json);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new AssertionError(kindName + " " + name + " does not match the Kubernetes API schema: "
                    + cause.getMessage(), cause);
        }
    }

    <T> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T> Optional<T> only(Class<T> type) {
        List<T> found = all(type);
        if (found.size() > 1) {
            throw new AssertionError("expected at most one " + type.getSimpleName() + ", got " + found.size());
        }
        return found.stream().findFirst();
    }

    <T> T one(Class<T> type) {
        return only(type).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " rendered"));
    }
}
