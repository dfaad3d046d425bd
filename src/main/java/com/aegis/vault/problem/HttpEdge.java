package com.aegis.vault.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The HTTP edge, below the REST layer: assigns the correlation id of every request, and answers in
 * problem+json what never reaches a resource — a body over {@code quarkus.http.limits.max-body-size}
 * (Quarkus would otherwise answer an empty 413), a path no route serves (404), and any failure of
 * the routing layer itself.
 */
@ApplicationScoped
public class HttpEdge {

    private static final Logger LOG = Logger.getLogger(HttpEdge.class);

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    /**
     * Reads a chunked body (no Content-Length) up to the limit before the REST layer sees it, failing the
     * route with 413 beyond it; the REST layer then reads the buffered body. Left to Quarkus, a chunked
     * body over the limit is cut off mid-read with an empty 413.
     */
    private BodyHandler chunkedBodies;

    void install(@Observes Router router) {
        chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBodySize.map(MemorySize::asLongValue).orElse(-1L));
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
        if (length == null && maxBodySize.isPresent() && mayHaveBody(ctx.request().method())) {
            chunkedBodies.handle(ctx); // continues the route once the whole body is in, or fails it with 413
            return;
        }
        if (length != null && maxBodySize.isPresent()) {
            try {
                if (Long.parseLong(length.trim()) > maxBodySize.get().asLongValue()) {
                    ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
                    send(ctx, tooLarge());
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
        if (failure instanceof UnauthorizedException || failure instanceof AuthenticationFailedException) {
            problem = Problem.ofStatus(401, "this request needs a valid bearer token");
        } else if (failure instanceof ForbiddenException) {
            problem = Problem.ofStatus(403, "your token does not carry a role this operation needs");
        } else if (status == 413) {
            problem = tooLarge();
        } else if (status >= 400 && status < 500) {
            problem = Problem.ofStatus(status, ProblemMappers.detail(status, ctx.request()));
        } else {
            String correlationId = CorrelationId.current(ctx.request());
            LOG.errorf(failure, "Unexpected failure of %s %s [correlationId=%s]",
                    ctx.request().method(), ctx.request().path(), correlationId);
            problem = Problem.ofStatus(500, "an unexpected error occurred; quote correlationId "
                    + correlationId + " when reporting it").with("correlationId", correlationId);
        }
        send(ctx, problem);
    }

    private Problem tooLarge() {
        return Problem.ofStatus(413, "the request body is larger than "
                + maxBodySize.map(size -> size.asLongValue() / 1024 + " KiB").orElse("allowed"));
    }

    private void send(RoutingContext ctx, Problem problem) {
        if (problem.instance == null) {
            problem.instance = ctx.request().path();
        }
        HttpServerResponse response = ctx.response();
        response.setStatusCode(problem.status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (problem.status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        try {
            response.end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            response.end();
        }
    }
}
