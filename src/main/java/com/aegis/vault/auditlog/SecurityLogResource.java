package com.aegis.vault.auditlog;

import com.aegis.vault.pagination.Page;
import com.aegis.vault.pagination.PageRequest;
import com.aegis.vault.pagination.QueryParams;
import com.aegis.vault.problem.ProblemException;
import com.aegis.vault.problem.ProblemResponses;
import com.aegis.vault.security.Caller;
import com.aegis.vault.security.UserIds;
import com.aegis.vault.security.MemberAccess;
import com.aegis.vault.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * The audit trail, read-only: there is no route that changes an entry (PUT, PATCH, DELETE → 405).
 * Who may read a member's trail: the member, an advocate the member linked, an admin. Anyone else
 * asking for a member's trail by memberId gets 403 (whether or not that member exists, so nothing
 * leaks); an entry asked for by id that the caller may not see is 404, like one that does not exist.
 */
@Path("/api/v1/security-logs")
@Tag(name = "Security log")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MEMBER, Roles.ADVOCATE, Roles.ADMIN})
public class SecurityLogResource {

    @Inject
    Caller caller;

    @Inject
    MemberAccess access;

    @Inject
    SecurityLogQuery query;

    @Inject
    ChainVerifier verifier;

    @GET
    @Operation(summary = "List a member's audit trail, newest first",
            description = "Newest first means most recently recorded first (descending seq). Keyset pagination: "
                    + "pass nextCursor back as cursor; pages never repeat or skip an entry while new ones are written.")
    @APIResponse(responseCode = "200", description = "One page of entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SecurityLogPage.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "500", ref = ProblemResponses.SERVER_ERROR)
    @Transactional
    public Page<SecurityLogEntry> list(
            @Parameter(description = "Whose trail; defaults to the caller (required for callers without the member role)")
            @QueryParam("memberId") String memberId,
            @Parameter(description = "Only entries of this type", schema = @Schema(implementation = LogType.class))
            @QueryParam("type") String type,
            @Parameter(description = "occurredAt at or after this ISO-8601 instant",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("from") String from,
            @Parameter(description = "occurredAt before this ISO-8601 instant",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("to") String to,
            @Parameter(description = "Page size, 1-200", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "200", defaultValue = "50"))
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page (opaque)")
            @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        String member = readableMember(memberId);
        return query.list(member, QueryParams.enumValue("type", type, LogType.class),
                QueryParams.instant("from", from), QueryParams.instant("to", to), page);
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Verify a member's hash chain",
            description = "Recomputes every hash from seq 1 to the chain head and names the first broken seq.")
    @APIResponse(responseCode = "200", description = "The verdict",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChainVerification.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "500", ref = ProblemResponses.SERVER_ERROR)
    @Transactional
    public ChainVerification verify(
            @Parameter(description = "Whose chain; defaults to the caller (required for callers without the member role)")
            @QueryParam("memberId") String memberId) {
        return verifier.verify(readableMember(memberId));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One audit-trail entry")
    @APIResponse(responseCode = "200", description = "The entry",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SecurityLogEntry.class)))
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "500", ref = ProblemResponses.SERVER_ERROR)
    @Transactional
    public SecurityLogEntry get(@PathParam("id") UUID id) {
        SecurityLogEntry entry = SecurityLogEntry.findById(id);
        if (entry == null || !access.canRead(entry.memberId)) {
            throw ProblemException.notFound("there is no security-log entry " + id);
        }
        return entry;
    }

    private String readableMember(String memberId) {
        if (memberId == null || memberId.isEmpty()) {
            if (!caller.isMember()) {
                throw ProblemException.invalidField("memberId", "is required: only members have a log of their own");
            }
            return caller.id();
        }
        access.requireRead(UserIds.requireValid("memberId", memberId));
        return memberId;
    }

    /** For the OpenAPI document only: the page shape with its item type. */
    @Schema(name = "SecurityLogPage")
    static final class SecurityLogPage {
        public SecurityLogEntry[] items;
        @Schema(nullable = true, description = "Pass as cursor to get the next page; null on the last page")
        public String nextCursor;
    }
}
