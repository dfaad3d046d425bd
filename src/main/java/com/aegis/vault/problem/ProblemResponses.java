package com.aegis.vault.problem;

/**
 * Names of the API's reusable OpenAPI error responses (declared in {@code package-info.java}); endpoints
 * refer to them ({@code @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)}), so every
 * error is documented with the problem schema and media type it really has.
 */
public final class ProblemResponses {

    public static final String BAD_REQUEST = "BadRequest";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    public static final String PAYLOAD_TOO_LARGE = "PayloadTooLarge";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    public static final String KEY_REUSED = "IdempotencyKeyReused";
    public static final String SERVER_ERROR = "ServerError";
    /** The reusable Idempotency-Key header parameter of every creating POST. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private ProblemResponses() {
    }
}
