package com.aegis.vault.problem;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** Test-only endpoints that provoke every kind of failure the problem layer must answer. */
@Path("/test/problems")
@Produces(MediaType.APPLICATION_JSON)
public class ProblemProbeResource {

    public enum Colour { RED, GREEN }

    public static class Probe {
        @NotNull
        @Min(0)
        @Max(100)
        public Integer riskScore;
        @NotBlank
        @JsonProperty("display_name")
        public String displayName;
        public BigDecimal amount;
        public Colour colour;
        public Instant at;
    }

    @POST
    @Path("/echo")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("member")
    public Probe echo(@Valid @NotNull Probe body) {
        return body;
    }

    @GET
    @Path("/query")
    @RolesAllowed("member")
    public Map<String, Integer> query(@QueryParam("limit") @Min(1) @Max(200) Integer limit) {
        return Map.of("limit", limit == null ? 50 : limit);
    }

    @GET
    @Path("/boom")
    @RolesAllowed("member")
    public String boom() {
        throw new IllegalStateException("secret internal detail");
    }

    @GET
    @Path("/admin-only")
    @RolesAllowed("admin")
    public String adminOnly() {
        return "ok";
    }
}
