package com.aegis.vault.auditlog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The outcome of walking one member's hash chain. */
@RegisterForReflection
@JsonPropertyOrder({"memberId", "entries", "valid", "firstInvalidSeq"})
@Schema(name = "ChainVerification")
public record ChainVerification(
        @Schema(example = "alice") String memberId,
        @Schema(description = "How many entries were walked (the chain as it stood when the walk began)",
                example = "42") long entries,
        @Schema(example = "true") boolean valid,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(nullable = true, description = "The first seq whose entry is missing, altered or mislinked; "
                + "null when the chain is intact") Long firstInvalidSeq) {
}
