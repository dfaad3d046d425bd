package com.aegis.vault.advocate;

import com.aegis.vault.pagination.Page;
import com.aegis.vault.pagination.PageRequest;
import com.aegis.vault.problem.Problem;
import com.aegis.vault.problem.ProblemResponses;
import com.aegis.vault.security.Caller;
import com.aegis.vault.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A member manages their own Trusted Advocates. */
@Path("/api/v1/members/me/advocates")
@RolesAllowed(Roles.MEMBER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Advocates", description = "Members name the Trusted Advocates who review their approvals")
@APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
@APIResponse(responseCode = "500", ref = ProblemResponses.SERVER_ERROR)
public class MemberAdvocatesResource {

    @Inject
    Caller caller;

    @Inject
    AdvocateLinkService links;

    @PUT
    @Path("/{advocateId}")
    @Operation(summary = "Link a Trusted Advocate",
            description = "Names the user `advocateId` as one of the caller's Trusted Advocates: from now on they see and "
                    + "resolve the caller's approvals and may read the caller's security log. Repeating the call "
                    + "changes nothing and logs nothing new. The first link appends an ADVOCATE_LINKED entry.")
    @APIResponse(responseCode = "201", description = "Linked now",
            content = @Content(schema = @Schema(implementation = AdvocateLinkView.class), examples = @ExampleObject(
                    name = "linked", value = "{\"memberId\":\"alice\",\"advocateId\":\"bob\",\"linkedAt\":\"2026-11-23T21:00:00.123456Z\"}")))
    @APIResponse(responseCode = "200", description = "Already linked; the existing link, unchanged",
            content = @Content(schema = @Schema(implementation = AdvocateLinkView.class)))
    @APIResponse(responseCode = "400", description = "advocateId is the caller themself, or not a user id of 1–64 characters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "self-link", value = "{\"type\":\"https://aegis.example/problems/validation\","
                            + "\"title\":\"Invalid request\",\"status\":400,\"detail\":\"advocateId must not be yourself: a member "
                            + "cannot be their own Trusted Advocate\",\"errors\":[{\"field\":\"advocateId\",\"message\":\"must not be "
                            + "yourself: a member cannot be their own Trusted Advocate\"}]}")))
    public Response link(@Parameter(description = "The advocate's user id (their JWT sub), 1–64 characters", example = "bob")
                         @PathParam("advocateId") String advocateId) {
        AdvocateLinkService.Linked linked = links.link(caller.id(), advocateId);
        return Response.status(linked.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(linked.link()).build();
    }

    @DELETE
    @Path("/{advocateId}")
    @Operation(summary = "Unlink a Trusted Advocate",
            description = "Removes the link; from then on that advocate sees and resolves nothing of the caller. "
                    + "Answers 204 also when no such link exists. Appends ADVOCATE_UNLINKED only when a link was removed.")
    @APIResponse(responseCode = "204", description = "The advocate is not (or no longer) linked")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public Response unlink(@Parameter(description = "The advocate's user id", example = "bob")
                           @PathParam("advocateId") String advocateId) {
        links.unlink(caller.id(), advocateId);
        return Response.noContent().build();
    }

    @GET
    @Operation(summary = "List the caller's Trusted Advocates", description = "Oldest link first, keyset-paginated.")
    @APIResponse(responseCode = "200", description = "One page of links",
            content = @Content(schema = @Schema(implementation = AdvocateLinkPage.class), examples = @ExampleObject(
                    name = "page", value = "{\"items\":[{\"memberId\":\"alice\",\"advocateId\":\"bob\","
                            + "\"linkedAt\":\"2026-11-23T21:00:00.123456Z\"}],\"nextCursor\":null}")))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public Page<AdvocateLinkView> list(
            @Parameter(description = "Page size, 1–200", schema = @Schema(defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return links.advocatesOf(caller.id(), PageRequest.of(limit, cursor));
    }

    /** For the OpenAPI document only: a page of links. */
    @Schema(name = "AdvocateLinkPage")
    public record AdvocateLinkPage(java.util.List<AdvocateLinkView> items,
                                   @Schema(nullable = true, description = "null on the last page") String nextCursor) {
    }
}
