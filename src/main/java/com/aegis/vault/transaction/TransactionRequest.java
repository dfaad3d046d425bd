package com.aegis.vault.transaction;

import com.aegis.vault.validation.Amount;
import com.aegis.vault.validation.EventTime;
import com.aegis.vault.validation.IsoCurrency;
import com.aegis.vault.validation.Payee;
import com.aegis.vault.validation.RiskScore;
import com.aegis.vault.validation.Text;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;

/** The body of {@code POST /api/v1/transactions}. */
@Schema(name = "TransactionRequest", description = "A payment the member is about to make or has made")
public class TransactionRequest {

    @NotNull
    @Amount
    @Schema(required = true, example = "1250.00",
            description = Amount.DESCRIPTION)
    public BigDecimal amount;

    @NotNull
    @IsoCurrency
    @Schema(required = true, pattern = IsoCurrency.PATTERN, example = "EUR", description = IsoCurrency.DESCRIPTION)
    public String currency;

    @NotNull
    @Payee
    @Schema(required = true, minLength = 1, maxLength = 200, example = "ACME Utilities")
    public String payee;

    @NotNull
    @Schema(required = true, example = "BANK_TRANSFER")
    public Channel channel;

    @NotNull
    @EventTime
    @Schema(required = true, type = SchemaType.STRING, format = "date-time", example = "2026-01-31T12:00:00Z",
            description = "ISO-8601 instant (Z or an offset), at most 5 minutes in the future, not before 1970")
    public Instant occurredAt;

    @NotNull
    @RiskScore
    @Schema(required = true, minimum = "0", maximum = "100", example = "20",
            description = RiskScore.DESCRIPTION)
    public Integer riskScore;

    @Text(max = 100)
    @Schema(maxLength = 100, example = "BANK-REF-0042", description = "Optional: the bank's reference")
    public String externalRef;
}
