package com.aegis.vault.transaction;

import com.aegis.vault.approval.Approval;
import com.aegis.vault.auditlog.SecurityLogEntry;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to {@code POST /api/v1/transactions}: the log entry and, when held, its PENDING approval. */
@RegisterForReflection
@JsonPropertyOrder({"logEntry", "approvalRequired", "approval"})
@Schema(name = "TransactionResult")
public record TransactionResult(
        @Schema(description = "The TRANSACTION entry of the member's audit trail") SecurityLogEntry logEntry,
        @Schema(description = "true when the amount or the risk score reached its threshold") boolean approvalRequired,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(nullable = true, description = "The new PENDING approval when held, else null") Approval approval) {
}
