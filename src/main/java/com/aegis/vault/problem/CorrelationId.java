package com.aegis.vault.problem;

import io.vertx.core.http.HttpServerRequest;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id that ties a request to its log lines: taken from the client's {@code X-Request-Id} when it is
 * a sane token, generated otherwise; echoed in the response header and carried by every 5xx problem.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "correlationId";
    /** Client ids are logged: only short tokens without spaces or control characters are trusted. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private CorrelationId() {
    }

    /** Chooses the id of this request, records it in the MDC and on the request, and echoes it. */
    static String assign(HttpServerRequest request) {
        String offered = request.getHeader(HEADER);
        String id = offered != null && SAFE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        request.headers().set(HEADER, id);
        request.response().putHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        return id;
    }

    static String current(HttpServerRequest request) {
        String id = request == null ? null : request.getHeader(HEADER);
        if (id == null) {
            Object fromMdc = MDC.get(MDC_KEY);
            id = fromMdc == null ? UUID.randomUUID().toString() : fromMdc.toString();
        }
        return id;
    }
}
