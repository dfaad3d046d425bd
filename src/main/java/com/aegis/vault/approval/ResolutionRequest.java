package com.aegis.vault.approval;

import com.aegis.vault.validation.Text;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/approvals/{id}/resolution}: a Trusted Advocate's decision. */
@Schema(name = "ResolutionRequest")
public class ResolutionRequest {

    @NotNull
    @Schema(required = true, example = "APPROVE")
    public Decision decision;

    @Text(max = 1000)
    @Schema(maxLength = 1000, example = "Called Alice, she knows the payee",
            description = "Optional; kept with the approval and in the APPROVAL_RESOLVED entry")
    public String note;

    /** A blank note is no note. */
    String noteOrNull() {
        return note == null || note.isBlank() ? null : note;
    }
}
