package com.aegis.vault.problem;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into an RFC 9457 problem document. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response mapProblem(ProblemException e) {
        return respond(e.problem());
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status).entity(problem).type(Problem.MEDIA_TYPE).build();
    }
}
