package com.aegis.vault.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A member asks their Trusted Advocates to review a bill. Fields arrive loosely typed (the amount may
 * be a string or a number, the date is text) so that every mistake is answered with a 400 naming the field.
 */
@Schema(name = "BillRequest", description = "A bill the member wants a Trusted Advocate to review")
public record BillRequest(
        @Schema(required = true, enumeration = "BILL", example = "BILL") String kind,
        @Schema(required = true, minLength = 1, maxLength = 200, example = "City Water Ltd") String payee,
        @Schema(required = true, type = SchemaType.STRING, example = "180.40",
                description = "Decimal, > 0, at most 2 fraction digits, below 10^12; a string or a JSON number")
        @JsonDeserialize(using = ExactJsonValue.class) JsonNode amount,
        @Schema(required = true, example = "EUR", description = "ISO 4217 code") String currency,
        @Schema(required = true, format = "date", example = "2026-12-15", description = "ISO date") String dueDate,
        @Schema(maxLength = 1000, example = "Water bill for October") String description) {

    static final int PAYEE_MAX = 200;
    static final int DESCRIPTION_MAX = 1000;

    /** A request that passed validation, in the types the approval stores. */
    public record Valid(String payee, BigDecimal amount, String currency, LocalDate dueDate, String description) {
    }

    /** @throws com.aegis.vault.problem.ProblemException 400 naming every invalid field */
    public static Valid validate(BillRequest request) {
        if (request == null) {
            throw FieldErrors.missingBody();
        }
        FieldErrors errors = new FieldErrors();
        if (request.kind == null) {
            errors.add("kind", "is required");
        } else if (!ApprovalKind.BILL.name().equals(request.kind)) {
            errors.add("kind", "must be BILL (held transactions are created by POST /api/v1/transactions)");
        }
        String payee = errors.text("payee", request.payee, PAYEE_MAX, true);
        BigDecimal amount = Money.amount("amount", request.amount, errors);
        String currency = Money.currency("currency", request.currency, errors);
        LocalDate dueDate = dueDate(request.dueDate, errors);
        String description = errors.text("description", request.description, DESCRIPTION_MAX, false);
        errors.throwIfAny();
        return new Valid(payee, amount, currency, dueDate, description);
    }

    private static LocalDate dueDate(String value, FieldErrors errors) {
        if (value == null) {
            errors.add("dueDate", "is required");
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add("dueDate", "must be an ISO date such as 2026-12-15");
            return null;
        }
    }
}
