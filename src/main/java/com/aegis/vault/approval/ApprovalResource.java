package com.aegis.vault.approval;

import com.aegis.vault.idempotency.Created;
import com.aegis.vault.idempotency.IdempotencyService;
import com.aegis.vault.pagination.Page;
import com.aegis.vault.pagination.PageRequest;
import com.aegis.vault.pagination.QueryParams;
import com.aegis.vault.problem.Problem;
import com.aegis.vault.problem.ProblemResponses;
import com.aegis.vault.problem.ProblemException;
import com.aegis.vault.security.Caller;
import com.aegis.vault.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Trusted Advocate review: bill requests, listing, reading and resolving approvals. */
@Path("/api/v1/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Approvals", description = "Held transactions and bills awaiting a Trusted Advocate's decision")
@APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
@APIResponse(responseCode = "500", ref = ProblemResponses.SERVER_ERROR)
public class ApprovalResource {

    static final String ENDPOINT_REQUEST_BILL = "POST /api/v1/approvals";
    private static final String APPROVAL_EXAMPLE = "{\"id\":\"3f1c2a9e-8d4b-4b7e-9a51-2f0c6d7e8a90\",\"memberId\":\"alice\","
            + "\"kind\":\"BILL\",\"status\":\"PENDING\",\"amount\":\"180.40\",\"currency\":\"EUR\",\"payee\":\"City Water Ltd\","
            + "\"description\":\"Water bill for October\",\"dueDate\":\"2026-12-15\",\"securityLogId\":null,"
            + "\"createdAt\":\"2026-11-23T21:00:00.123456Z\",\"expiresAt\":\"2026-11-26T21:00:00.123456Z\","
            + "\"resolvedAt\":null,\"resolvedBy\":null,\"resolutionNote\":null}";
    private static final String CONFLICT_EXAMPLE = "{\"type\":\"https://aegis.example/problems/approval-resolved\","
            + "\"title\":\"Approval already resolved\",\"status\":409,\"detail\":\"approval 3f1c2a9e-8d4b-4b7e-9a51-2f0c6d7e8a90 "
            + "was already APPROVED by carol\",\"approval\":{\"id\":\"3f1c2a9e-8d4b-4b7e-9a51-2f0c6d7e8a90\",\"memberId\":\"alice\","
            + "\"kind\":\"BILL\",\"status\":\"APPROVED\",\"amount\":\"180.40\",\"currency\":\"EUR\",\"payee\":\"City Water Ltd\","
            + "\"description\":null,\"dueDate\":\"2026-12-15\",\"securityLogId\":null,\"createdAt\":\"2026-11-23T21:00:00.123456Z\","
            + "\"expiresAt\":\"2026-11-26T21:00:00.123456Z\",\"resolvedAt\":\"2026-11-23T21:05:00.5Z\",\"resolvedBy\":\"carol\","
            + "\"resolutionNote\":null}}";

    @Inject
    Caller caller;

    @Inject
    ApprovalVisibility visibility;

    @Inject
    ApprovalQueries queries;

    @Inject
    ApprovalExpiry expiry;

    @Inject
    ApprovalService approvals;

    @Inject
    IdempotencyService idempotency;

    @POST
    @Transactional // the approval, its log entry, the Idempotency-Key and the stored response commit together
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask the Trusted Advocates to review a bill",
            description = "Opens a PENDING approval of kind BILL (expiring after `aegis.approvals.expiry`) and appends "
                    + "exactly one APPROVAL_REQUESTED entry to the caller's security log. Send an Idempotency-Key so "
                    + "that a retried request answers the stored response instead of opening a second approval.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = BillRequest.class),
            examples = @ExampleObject(name = "bill", value = "{\"kind\":\"BILL\",\"payee\":\"City Water Ltd\","
                    + "\"amount\":\"180.40\",\"currency\":\"EUR\",\"dueDate\":\"2026-12-15\",\"description\":\"Water bill for October\"}")))
    @APIResponse(responseCode = "201", description = "The new PENDING approval (or, for a retry, the stored response)",
            content = @Content(schema = @Schema(implementation = Approval.class),
                    examples = @ExampleObject(name = "pending", value = APPROVAL_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "413", ref = ProblemResponses.PAYLOAD_TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ProblemResponses.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "422", ref = ProblemResponses.KEY_REUSED)
    public Response requestBill(
            @Parameter(ref = ProblemResponses.IDEMPOTENCY_KEY)
            @HeaderParam(IdempotencyService.HEADER) String idempotencyKey,
            @Valid @NotNull BillRequest request) {
        String memberId = caller.id();
        return idempotency.once(memberId, ENDPOINT_REQUEST_BILL, idempotencyKey, request,
                () -> Created.created(approvals.requestBill(memberId, request)));
    }

    @GET
    @RolesAllowed({Roles.MEMBER, Roles.ADVOCATE, Roles.ADMIN})
    @Operation(summary = "List approvals",
            description = "A member sees their own; an advocate those of every member who has linked them (as linked now); "
                    + "an admin every member's. `memberId` narrows the list to one member the caller may see. "
                    + "Oldest first (by createdAt), keyset-paginated. Overdue PENDING approvals are expired before "
                    + "the list is read, so no item says PENDING after its expiresAt.")
    @APIResponse(responseCode = "200", description = "One page of approvals",
            content = @Content(schema = @Schema(implementation = ApprovalPage.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    public Page<Approval> list(
            @Parameter(description = "Only approvals in this state",
                    schema = @Schema(enumeration = {"PENDING", "APPROVED", "REJECTED", "EXPIRED"}))
            @QueryParam("status") String status,
            @Parameter(description = "Only this member's approvals (default: every member the caller may see)")
            @QueryParam("memberId") String memberId,
            @Parameter(description = "Page size, 1–200", schema = @Schema(defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        ApprovalStatus wanted = QueryParams.enumValue("status", status, ApprovalStatus.class);
        PageRequest page = PageRequest.of(limit, cursor);
        ApprovalScope scope = visibility.scope(memberId);
        expiry.expireOverdue(scope);
        return queries.list(scope, wanted, page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.MEMBER, Roles.ADVOCATE, Roles.ADMIN})
    @Operation(summary = "Read one approval",
            description = "404 when it does not exist, when the id is not a UUID, and when the caller may not see it "
                    + "(the same answer, so approval ids do not leak).")
    @APIResponse(responseCode = "200", description = "The approval as it stands now",
            content = @Content(schema = @Schema(implementation = Approval.class),
                    examples = @ExampleObject(name = "pending", value = APPROVAL_EXAMPLE)))
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @Transactional
    public Approval get(@Parameter(description = "The approval's id (UUID)") @PathParam("id") String id) {
        return expiry.current(visibility.visible(id));
    }

    @POST
    @Path("/{id}/resolution")
    @RolesAllowed(Roles.ADVOCATE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or reject a PENDING approval",
            description = "Only a Trusted Advocate linked to the approval's member. Exactly one resolution ever wins, "
                    + "whatever the number of advocates and pods: the others get 409 with the approval as it now stands. "
                    + "Repeating the winning request (same advocate, same decision) answers 200 again and logs nothing. "
                    + "The winner appends APPROVAL_RESOLVED (approvalId, advocateId, decision, note) in the same transaction.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ResolutionRequest.class),
            examples = @ExampleObject(name = "approve", value = "{\"decision\":\"APPROVE\",\"note\":\"Called Alice, she knows the payee\"}")))
    @APIResponse(responseCode = "200", description = "The resolved approval",
            content = @Content(schema = @Schema(implementation = Approval.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "Already resolved by another decision or advocate, or EXPIRED; "
            + "`approval` carries the approval as it now stands",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApprovalConflict.class),
                    examples = @ExampleObject(name = "lost", value = CONFLICT_EXAMPLE)))
    public Approval resolve(@Parameter(description = "The approval's id (UUID)") @PathParam("id") String id,
                            @Valid @NotNull ResolutionRequest request) {
        // One transaction (one connection) for the checks and the resolution; the 409s are thrown after it
        // committed, so that an expiry this resolution found and logged stays logged.
        ApprovalService.Resolution result = QuarkusTransaction.joiningExisting().call(() -> {
            Approval visible = visibility.visible(id);
            visibility.requireResolver(visible);
            return approvals.resolve(visible.id, caller.id(), request.decision, request.noteOrNull());
        });
        Approval approval = result.approval();
        return switch (result.outcome()) {
            case RESOLVED, REPEATED -> approval;
            case NOT_LINKED -> throw ProblemException.notFound("there is no approval " + id + " that you may see");
            case EXPIRED -> throw conflict("approval-expired", "Approval expired",
                    "approval " + id + " expired at " + approval.expiresAt + " before anybody resolved it", approval);
            case ALREADY_RESOLVED -> throw conflict("approval-resolved", "Approval already resolved",
                    "approval " + id + " was already " + approval.status + " by " + approval.resolvedBy, approval);
        };
    }

    private static ProblemException conflict(String slug, String title, String detail, Approval approval) {
        return new ProblemException(new Problem(slug, title, 409, detail).with("approval", approval));
    }

    /** For the OpenAPI document only: a page of approvals. */
    @Schema(name = "ApprovalPage")
    public record ApprovalPage(List<Approval> items,
                               @Schema(nullable = true, description = "null on the last page") String nextCursor) {
    }

    /** For the OpenAPI document only: the 409 problem document of a resolution that lost. */
    @Schema(name = "ApprovalConflict", description = "An RFC 9457 problem document with the approval as it now stands")
    public static class ApprovalConflict extends Problem {
        public Approval approval;
    }
}
