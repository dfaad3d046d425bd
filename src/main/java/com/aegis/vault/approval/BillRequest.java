package com.aegis.vault.approval;

import com.aegis.vault.validation.Amount;
import com.aegis.vault.validation.IsoCurrency;
import com.aegis.vault.validation.Payee;
import com.aegis.vault.validation.Text;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.OptBoolean;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The body of {@code POST /api/v1/approvals}: a member asks their Trusted Advocates to review a bill. */
@Schema(name = "BillRequest", description = "A bill the member wants a Trusted Advocate to review")
public class BillRequest {

    @NotNull
    @Pattern(regexp = "BILL", message = "must be BILL (held transactions come from POST /api/v1/transactions)")
    @Schema(required = true, enumeration = "BILL", example = "BILL")
    public String kind;

    @NotNull
    @Payee
    @Schema(required = true, minLength = 1, maxLength = 200, example = "City Water Ltd")
    public String payee;

    @NotNull
    @Amount
    @Schema(required = true, oneOf = {String.class, Number.class}, example = "180.40",
            description = Amount.DESCRIPTION)
    public BigDecimal amount;

    @NotNull
    @IsoCurrency
    @Schema(required = true, pattern = IsoCurrency.PATTERN, example = "EUR", description = IsoCurrency.DESCRIPTION)
    public String currency;

    /** Strictly yyyy-MM-dd: no time part, no epoch-day number. */
    @NotNull
    @JsonFormat(shape = JsonFormat.Shape.STRING, lenient = OptBoolean.FALSE)
    @Schema(required = true, type = SchemaType.STRING, format = "date", example = "2026-12-15",
            description = "ISO date the bill is due")
    public LocalDate dueDate;

    @Text(max = 1000)
    @Schema(maxLength = 1000, example = "Water bill for October")
    public String description;
}
