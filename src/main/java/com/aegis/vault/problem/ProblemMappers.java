package com.aegis.vault.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Set;

/**
 * Turns every failure inside the REST layer into an RFC 9457 problem document. Failures before
 * the REST layer (oversized bodies, unknown routes) are answered by {@link HttpEdge} in the same shape.
 */
public class ProblemMappers {

    @Inject
    Violations violations;

    @Inject
    FailureProblems failures;

    @ServerExceptionMapper
    public Response mapProblem(ProblemException e, HttpServerRequest request) {
        return respond(e.problem(), request);
    }

    @ServerExceptionMapper
    public Response mapViolations(ConstraintViolationException e, HttpServerRequest request) {
        if (violations.concernsReturnValue(e.getConstraintViolations())) {
            return unexpected(e, request); // our own response broke a constraint: a bug, not the client's fault
        }
        return respond(violations.toProblem(e.getConstraintViolations()), request);
    }

    @ServerExceptionMapper
    public Response mapJson(JsonProcessingException e, HttpServerRequest request) {
        return respond(JsonErrors.toProblem(e), request);
    }

    /** More specific than Quarkus's built-in mapper of this type, which would answer plain JSON. */
    @ServerExceptionMapper
    public Response mapMismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return respond(JsonErrors.toProblem(e), request);
    }

    @ServerExceptionMapper
    public Response mapUnauthenticated(UnauthorizedException e, HttpServerRequest request) {
        return respond(FailureProblems.security(e).orElseThrow(), request);
    }

    @ServerExceptionMapper
    public Response mapAuthenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return respond(FailureProblems.security(e).orElseThrow(), request);
    }

    @ServerExceptionMapper
    public Response mapForbidden(ForbiddenException e, HttpServerRequest request) {
        return respond(FailureProblems.security(e).orElseThrow(), request);
    }

    @ServerExceptionMapper
    public Response mapWebApplication(WebApplicationException e, HttpServerRequest request) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                return respond(JsonErrors.toProblem(json), request);
            }
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        Problem problem = status == 413 ? failures.tooLarge() : Problem.ofStatus(status, detail(status, request));
        Response.ResponseBuilder answer = builder(problem, request);
        Set<String> allowed = original.getAllowedMethods();
        if (!allowed.isEmpty()) {
            answer.allow(allowed);
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public Response mapUnexpected(Throwable e, HttpServerRequest request) {
        return unexpected(e, request);
    }

    private Response unexpected(Throwable e, HttpServerRequest request) {
        return respond(FailureProblems.unexpected(e, request), request);
    }

    static String detail(int status, HttpServerRequest request) {
        return switch (status) {
            case 404 -> "there is no resource at " + request.path();
            case 405 -> "method " + request.method() + " is not allowed on " + request.path();
            case 406 -> "this resource answers application/json (errors: application/problem+json)";
            case 415 -> "Content-Type " + (request.getHeader(HttpHeaders.CONTENT_TYPE) == null ? "(none)"
                    : request.getHeader(HttpHeaders.CONTENT_TYPE)) + " is not supported: send application/json";
            case 401 -> "this request needs a valid bearer token";
            case 403 -> "you may not do this";
            default -> "the request failed with HTTP status " + status;
        };
    }

    static Response respond(Problem problem, HttpServerRequest request) {
        return builder(problem, request).build();
    }

    private static Response.ResponseBuilder builder(Problem problem, HttpServerRequest request) {
        if (problem.instance == null && request != null) {
            problem.instance = request.path();
        }
        Response.ResponseBuilder answer = Response.status(problem.status).entity(problem).type(Problem.MEDIA_TYPE);
        FailureProblems.headers(problem).forEach(answer::header);
        return answer;
    }
}
