package com.aegis.vault.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The HTTP edge, below the REST layer: assigns the correlation id of every request, and answers in
 * problem+json what never reaches a resource — a body over {@code quarkus.http.limits.max-body-size}
 * (Quarkus would otherwise answer an empty 413), a path no route serves (404), and any failure of
 * the routing layer itself.
 */
@ApplicationScoped
public class HttpEdge {

    @Inject
    ObjectMapper mapper;

    @Inject
    FailureProblems failures;

    /**
     * Reads a chunked body (no Content-Length) up to the limit before the REST layer sees it, failing the
     * route with 413 beyond it; the REST layer then reads the buffered body. Left to Quarkus, a chunked
     * body over the limit is cut off mid-read with an empty 413.
     */
    private BodyHandler chunkedBodies;

    void install(@Observes Router router) {
        chunkedBodies = BodyHandler.create(false).setBodyLimit(failures.maxBodyBytes().orElse(-1L));
        // Before Quarkus's own Content-Length check (ROUTE_ORDER_UPLOAD_LIMIT) so that the 413 is ours.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 10).handler(this::enter);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 10).failureHandler(this::failed);
        // Last of all: nothing else answered this path.
        router.route().order(Integer.MAX_VALUE).handler(ctx -> send(ctx,
                Problem.ofStatus(404, ProblemMappers.detail(404, ctx.request()))));
    }

    private void enter(RoutingContext ctx) {
        CorrelationId.assign(ctx.request());
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        Optional<Long> maxBodyBytes = failures.maxBodyBytes();
        if (length == null && maxBodyBytes.isPresent() && mayHaveBody(ctx.request().method())) {
            chunkedBodies.handle(ctx); // continues the route once the whole body is in, or fails it with 413
            return;
        }
        if (length != null && maxBodyBytes.isPresent()) {
            try {
                if (Long.parseLong(length.trim()) > maxBodyBytes.get()) {
                    ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
                    send(ctx, failures.tooLarge());
                    return;
                }
            } catch (NumberFormatException e) {
                send(ctx, Problem.ofStatus(400, "Content-Length is not a number"));
                return;
            }
        }
        ctx.next();
    }

    /** A body without a declared length: chunked over HTTP/1.1, or any body over HTTP/2. */
    private static boolean mayHaveBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    private void failed(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Throwable failure = ctx.failure();
        int status = ctx.statusCode();
        Problem problem;
        Optional<Problem> security = FailureProblems.security(failure);
        if (security.isPresent()) {
            problem = security.get();
        } else if (status == 413) {
            problem = failures.tooLarge();
        } else if (status >= 400 && status < 500) {
            problem = Problem.ofStatus(status, ProblemMappers.detail(status, ctx.request()));
        } else {
            problem = FailureProblems.unexpected(failure, ctx.request());
        }
        send(ctx, problem);
    }

    private void send(RoutingContext ctx, Problem problem) {
        if (problem.instance == null) {
            problem.instance = ctx.request().path();
        }
        HttpServerResponse response = ctx.response();
        response.setStatusCode(problem.status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        FailureProblems.headers(problem).forEach(response::putHeader);
        try {
            response.end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            response.end();
        }
    }
}
