package com.aegis.vault.approval;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A Trusted Advocate's decision about a PENDING approval. */
@Schema(name = "ResolutionRequest")
public record ResolutionRequest(
        @Schema(required = true, enumeration = {"APPROVE", "REJECT"}, example = "APPROVE") String decision,
        @Schema(maxLength = 1000, example = "Called Alice, she knows the payee") String note) {

    static final int NOTE_MAX = 1000;

    public record Valid(Decision decision, String note) {
    }

    /** @throws com.aegis.vault.problem.ProblemException 400 naming every invalid field */
    public static Valid validate(ResolutionRequest request) {
        if (request == null) {
            throw FieldErrors.missingBody();
        }
        FieldErrors errors = new FieldErrors();
        Decision decision = null;
        if (request.decision == null) {
            errors.add("decision", "is required");
        } else {
            try {
                decision = Decision.valueOf(request.decision);
            } catch (IllegalArgumentException e) {
                errors.add("decision", "must be APPROVE or REJECT");
            }
        }
        String note = errors.text("note", request.note, NOTE_MAX, false);
        errors.throwIfAny();
        return new Valid(decision, note == null || note.isBlank() ? null : note);
    }
}
