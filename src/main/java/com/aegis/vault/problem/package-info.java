/**
 * The error layer: every failure of the API is an RFC 9457 problem document. This package also carries
 * the API-wide OpenAPI definition (smallrye reads {@code @OpenAPIDefinition} only from a package-info or
 * an Application class): the reusable error responses every endpoint refers to.
 */
@OpenAPIDefinition(
        info = @Info(title = "Aegis Trust Vault API", version = "1.0.0"),
        components = @Components(
                parameters = @Parameter(name = ProblemResponses.IDEMPOTENCY_KEY, in = ParameterIn.HEADER,
                        description = "1-128 visible ASCII characters; a retry by the same caller with the same key and "
                                + "body answers the stored response and creates nothing new; the same key with another "
                                + "body is 422. Kept at least 24 hours.",
                        schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 128),
                        example = "9b2f7c1e-call-2026-11"),
                responses = {
                @APIResponse(name = ProblemResponses.BAD_REQUEST, responseCode = "400",
                        description = "Malformed JSON, a wrong JSON type or a failed validation (with `errors`)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = Problem.class),
                                examples = {
                                        @ExampleObject(name = "validation", value = "{\"type\":\"https://aegis.example/problems/validation\","
                                                + "\"title\":\"Invalid request\",\"status\":400,\"detail\":\"amount must be greater than 0\","
                                                + "\"instance\":\"/api/v1/transactions\","
                                                + "\"errors\":[{\"field\":\"amount\",\"message\":\"must be greater than 0\"}]}"),
                                        @ExampleObject(name = "malformed-json", value = "{\"type\":\"https://aegis.example/problems/malformed-json\","
                                                + "\"title\":\"Malformed JSON\",\"status\":400,"
                                                + "\"detail\":\"the request body is not valid JSON (line 1, column 15)\"}")})),
                @APIResponse(name = ProblemResponses.UNAUTHORIZED, responseCode = "401",
                        description = "No bearer token, or one with a bad signature, a wrong issuer or past its expiry",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = Problem.class),
                                example = "{\"type\":\"https://aegis.example/problems/unauthorized\",\"title\":\"Unauthorized\","
                                        + "\"status\":401,\"detail\":\"the bearer token has expired\"}")),
                @APIResponse(name = ProblemResponses.FORBIDDEN, responseCode = "403",
                        description = "The token lacks the role, or the caller may not see this member's data",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = Problem.class),
                                example = "{\"type\":\"https://aegis.example/problems/forbidden\",\"title\":\"Forbidden\","
                                        + "\"status\":403,\"detail\":\"you may not see the data of member m-42\"}")),
                @APIResponse(name = ProblemResponses.NOT_FOUND, responseCode = "404",
                        description = "No such resource (or one the caller may not see)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = ProblemResponses.PAYLOAD_TOO_LARGE, responseCode = "413",
                        description = "The body is larger than 64 KiB",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = ProblemResponses.UNSUPPORTED_MEDIA_TYPE, responseCode = "415",
                        description = "The body is not application/json",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = ProblemResponses.KEY_REUSED, responseCode = "422",
                        description = "The Idempotency-Key was already used by this caller with a different body",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = Problem.class),
                                example = "{\"type\":\"https://aegis.example/problems/idempotency-key-reused\","
                                        + "\"title\":\"Idempotency-Key reused\",\"status\":422,"
                                        + "\"detail\":\"Idempotency-Key k-1 was already used with a different request body\"}")),
                @APIResponse(name = ProblemResponses.SERVER_ERROR, responseCode = "500",
                        description = "An unexpected failure; the problem carries the correlationId (also in X-Request-Id)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = Problem.class),
                                example = "{\"type\":\"https://aegis.example/problems/internal-error\","
                                        + "\"title\":\"Internal server error\",\"status\":500,"
                                        + "\"detail\":\"an unexpected error occurred; quote correlationId 5f0c… when reporting it\","
                                        + "\"correlationId\":\"5f0c…\"}"))
        }))
package com.aegis.vault.problem;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
