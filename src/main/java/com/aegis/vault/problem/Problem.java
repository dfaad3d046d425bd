package com.aegis.vault.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem document; {@code extensions} carry members such as {@code "approval"}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
public class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://aegis.example/problems/";

    public String type;
    public String title;
    public int status;
    public String detail;
    public String instance;
    public List<FieldError> errors;

    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public Problem() {
    }

    public Problem(String slug, String title, int status, String detail) {
        this.type = TYPE_BASE + slug;
        this.title = title;
        this.status = status;
        this.detail = detail;
    }

    public Problem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }

    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}
