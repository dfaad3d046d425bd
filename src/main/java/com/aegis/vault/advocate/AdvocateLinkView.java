package com.aegis.vault.advocate;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A link as the API shows it. */
// Native image: PUT answers it inside a Response, where Quarkus REST cannot see the type to register it.
@RegisterForReflection
@Schema(name = "AdvocateLink", description = "A member has named this user as one of their Trusted Advocates.")
public record AdvocateLinkView(
        @Schema(description = "The member who made the link (JWT sub)", example = "alice") String memberId,
        @Schema(description = "The Trusted Advocate (JWT sub)", example = "bob") String advocateId,
        @Schema(description = "When the link was first made", example = "2026-11-23T21:00:00.123456Z") Instant linkedAt) {

    static AdvocateLinkView of(AdvocateLink link) {
        return new AdvocateLinkView(link.key.memberId(), link.key.advocateId(), link.linkedAt);
    }
}
