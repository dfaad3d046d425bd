package com.aegis.vault.scamcall;

import com.aegis.vault.auditlog.SecurityLogEntry;
import com.aegis.vault.idempotency.Created;
import com.aegis.vault.idempotency.IdempotencyService;
import com.aegis.vault.problem.ProblemResponses;
import com.aegis.vault.security.Caller;
import com.aegis.vault.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

@Path("/api/v1/scam-calls")
@Tag(name = "Scam calls")
@SecurityRequirement(name = "bearerAuth")
public class ScamCallResource {

    static final String ENDPOINT = "POST /api/v1/scam-calls";

    @Inject
    Caller caller;

    @Inject
    ScamCallService scamCalls;

    @Inject
    IdempotencyService idempotency;

    @POST
    @Transactional // the log entry, the Idempotency-Key and the stored response commit together
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log a scam call",
            description = "Appends a SCAM_CALL entry to the caller's audit trail and answers it. "
                    + "A retry with the same Idempotency-Key and body answers the stored response and logs nothing new.")
    @APIResponse(responseCode = "201", description = "The new security-log entry",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SecurityLogEntry.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "413", ref = ProblemResponses.PAYLOAD_TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ProblemResponses.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "422", ref = ProblemResponses.KEY_REUSED)
    @APIResponse(responseCode = "500", ref = ProblemResponses.SERVER_ERROR)
    public Response create(@Valid @NotNull ScamCallRequest body,
                           @Parameter(ref = ProblemResponses.IDEMPOTENCY_KEY)
                           @RestHeader(IdempotencyService.HEADER) String idempotencyKey) {
        String memberId = caller.id();
        return idempotency.once(memberId, ENDPOINT, idempotencyKey, body,
                () -> Created.created(scamCalls.log(memberId, body)));
    }
}
