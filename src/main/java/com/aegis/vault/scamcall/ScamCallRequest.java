package com.aegis.vault.scamcall;

import com.aegis.vault.validation.EventTime;
import com.aegis.vault.validation.PhoneNumber;
import com.aegis.vault.validation.RiskScore;
import com.aegis.vault.validation.Text;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** The body of {@code POST /api/v1/scam-calls}. */
@Schema(name = "ScamCallRequest", description = "A suspected scam call the phone observed")
public class ScamCallRequest {

    @NotNull
    @PhoneNumber
    @Schema(required = true, pattern = "^\\+[0-9]{8,15}$", example = "+4915112345678",
            description = "The caller, E.164: + and 8 to 15 digits")
    public String callerNumber;

    @NotNull
    @EventTime
    @Schema(required = true, format = "date-time", example = "2026-01-31T12:00:00Z",
            description = "ISO-8601 instant (Z or an offset), at most 5 minutes in the future, not before 1970")
    public Instant occurredAt;

    @Min(0)
    @Max(86400)
    @Schema(minimum = "0", maximum = "86400", example = "42", description = "Optional call length in seconds")
    public Integer durationSeconds;

    @NotNull
    @RiskScore
    @Schema(required = true, minimum = "0", maximum = "100", example = "85",
            description = RiskScore.DESCRIPTION)
    public Integer riskScore;

    @NotNull
    @Schema(required = true, example = "BLOCKED")
    public Verdict verdict;

    @Text(max = 1000)
    @Schema(maxLength = 1000, example = "Claimed to be the bank, asked for a TAN",
            description = "Optional, at most 1000 characters (Unicode code points)")
    public String notes;
}
