package com.aegis.vault.problem;

import com.aegis.vault.database.DatabaseUnavailable;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The problem documents for failures that are not a field of the request: a missing or bad token (401), a
 * missing role (403), a body over the size limit (413), the database out of reach (503) and anything
 * unexpected (500). Built here only, whether the failure surfaces in the REST layer ({@link ProblemMappers})
 * or below it ({@link HttpEdge}), so both answer alike.
 */
@ApplicationScoped
public class FailureProblems {

    private static final Logger LOG = Logger.getLogger(FailureProblems.class);
    /** Seconds a client is asked to wait before retrying while the database is out of reach. */
    static final String RETRY_AFTER_SECONDS = "5";

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    /** The body limit in bytes, if one is configured. */
    Optional<Long> maxBodyBytes() {
        return maxBodySize.map(MemorySize::asLongValue);
    }

    Problem tooLarge() {
        return Problem.ofStatus(413, "the request body is larger than "
                + maxBodySize.map(size -> size.asLongValue() / 1024 + " KiB").orElse("this server accepts"));
    }

    /** 401 or 403 for a failure of the security layer; empty for any other failure. */
    static Optional<Problem> security(Throwable failure) {
        if (failure instanceof AuthenticationFailedException) {
            return Optional.of(Problem.ofStatus(401, expired(failure)
                    ? "the bearer token has expired"
                    : "the bearer token is not valid (signature, issuer or format)"));
        }
        if (failure instanceof UnauthorizedException) {
            return Optional.of(Problem.ofStatus(401, "this request needs a bearer token: Authorization: Bearer <JWT>"));
        }
        if (failure instanceof ForbiddenException) {
            return Optional.of(Problem.ofStatus(403, "your token does not carry a role this operation needs"));
        }
        return Optional.empty();
    }

    /** 503 when the database is out of reach (logged as a warning), else 500 (logged with its stack trace). */
    static Problem unexpected(Throwable failure, HttpServerRequest request) {
        String correlationId = CorrelationId.current(request);
        String method = request == null ? "-" : request.method().name();
        String path = request == null ? "-" : request.path();
        if (DatabaseUnavailable.causedBy(failure)) {
            LOG.warnf("Database unavailable for %s %s [correlationId=%s]: %s", method, path, correlationId, failure);
            return Problem.ofStatus(503, "the service cannot reach its database right now: retry in a few "
                            + "seconds with the same Idempotency-Key (a request that was recorded is answered, never repeated)")
                    .with("correlationId", correlationId);
        }
        LOG.errorf(failure, "Unexpected failure of %s %s [correlationId=%s]", method, path, correlationId);
        return Problem.ofStatus(500, "an unexpected error occurred; quote correlationId "
                + correlationId + " when reporting it").with("correlationId", correlationId);
    }

    /** The headers a problem of this status carries besides its body. */
    static Map<String, String> headers(Problem problem) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (problem.status == 401) {
            headers.put("WWW-Authenticate", "Bearer");
        } else if (problem.status == 503) {
            headers.put("Retry-After", RETRY_AFTER_SECONDS);
        }
        return headers;
    }

    private static boolean expired(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("Expiration Time")) {
                return true;
            }
        }
        return false;
    }
}
