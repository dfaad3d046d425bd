package com.aegis.vault.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem document; {@code extensions} carry members such as {@code "approval"}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
@Schema(name = "Problem", description = "RFC 9457 problem document (media type application/problem+json). "
        + "Extension members may appear: `errors` on validation failures, `approval` on an approval conflict, "
        + "`correlationId` on server errors.")
public class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://aegis.example/problems/";

    @Schema(description = "URI identifying the problem type", example = "https://aegis.example/problems/validation")
    public String type;
    @Schema(description = "Short summary of the problem type", example = "Invalid request")
    public String title;
    @Schema(description = "HTTP status code", example = "400")
    public int status;
    @Schema(description = "Explanation of this occurrence", example = "amount must be greater than 0")
    public String detail;
    @Schema(description = "The request path this occurrence concerns", example = "/api/v1/transactions")
    public String instance;
    @Schema(description = "Field-level failures (validation problems only)")
    public List<FieldError> errors;

    @Schema(hidden = true)
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public Problem() {
    }

    public Problem(String slug, String title, int status, String detail) {
        this.type = TYPE_BASE + slug;
        this.title = title;
        this.status = status;
        this.detail = detail;
    }

    /** A problem of a plain HTTP status (401, 404, 405, 413, 415, 500 …) with its standard type and title. */
    public static Problem ofStatus(int status, String detail) {
        return switch (status) {
            case 400 -> new Problem("bad-request", "Bad request", 400, detail);
            case 401 -> new Problem("unauthorized", "Unauthorized", 401, detail);
            case 403 -> new Problem("forbidden", "Forbidden", 403, detail);
            case 404 -> new Problem("not-found", "Not found", 404, detail);
            case 405 -> new Problem("method-not-allowed", "Method not allowed", 405, detail);
            case 406 -> new Problem("not-acceptable", "Not acceptable", 406, detail);
            case 409 -> new Problem("conflict", "Conflict", 409, detail);
            case 413 -> new Problem("payload-too-large", "Payload too large", 413, detail);
            case 415 -> new Problem("unsupported-media-type", "Unsupported media type", 415, detail);
            case 500 -> new Problem("internal-error", "Internal server error", 500, detail);
            case 503 -> new Problem("unavailable", "Service unavailable", 503, detail);
            default -> new Problem("http-" + status, "HTTP " + status, status, detail);
        };
    }

    /** A 400 validation problem listing every failed field; {@code detail} repeats the first one. */
    public static Problem validation(List<FieldError> errors) {
        FieldError first = errors.get(0);
        String detail = first.field() == null || first.field().isEmpty()
                ? first.message() : first.field() + " " + first.message();
        Problem problem = new Problem("validation", "Invalid request", 400, detail);
        problem.errors = List.copyOf(errors);
        return problem;
    }

    public Problem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    @JsonAnyGetter
    @Schema(hidden = true) // extension members are serialised at the top level, not as "extensions"
    public Map<String, Object> extensions() {
        return extensions;
    }

    @RegisterForReflection
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(description = "The JSON property (or query parameter / header) as the client spells it",
                    example = "amount") String field,
            @Schema(example = "must be greater than 0") String message) {
    }
}
