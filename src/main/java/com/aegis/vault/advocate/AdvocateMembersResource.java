package com.aegis.vault.advocate;

import com.aegis.vault.pagination.Page;
import com.aegis.vault.pagination.PageRequest;
import com.aegis.vault.problem.ProblemResponses;
import com.aegis.vault.security.Caller;
import com.aegis.vault.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An advocate finds the members they serve (an extension of the contract, for the advocate's app). */
@Path("/api/v1/advocates/me/members")
@RolesAllowed(Roles.ADVOCATE)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Advocates")
@APIResponse(responseCode = "500", ref = ProblemResponses.SERVER_ERROR)
public class AdvocateMembersResource {

    @Inject
    Caller caller;

    @Inject
    AdvocateLinkService links;

    @GET
    @Operation(summary = "List the members who linked the caller as their Trusted Advocate",
            description = "Oldest link first, keyset-paginated. Use a memberId from here with "
                    + "`GET /api/v1/approvals?memberId=` or `GET /api/v1/security-logs?memberId=`.")
    @APIResponse(responseCode = "200", description = "One page of links",
            content = @Content(schema = @Schema(implementation = MemberAdvocatesResource.AdvocateLinkPage.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    public Page<AdvocateLinkView> list(
            @Parameter(description = "Page size, 1–200", schema = @Schema(defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return links.membersServedBy(caller.id(), PageRequest.of(limit, cursor));
    }
}
