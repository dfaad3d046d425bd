package com.aegis.vault.approval;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.regex.Pattern;

/** The money rules of the contract: amounts and ISO 4217 currency codes. */
final class Money {

    /** Amounts must stay below 10^12 (numeric(14,2)). */
    static final BigDecimal LIMIT = BigDecimal.TEN.pow(12);
    private static final Pattern DECIMAL_TEXT = Pattern.compile("-?[0-9]{1,40}(\\.[0-9]{1,40})?");
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    private Money() {
    }

    /**
     * A decimal string ("1250.00") or a JSON number: greater than 0, at most 2 fraction digits
     * (trailing zeros do not count: "1.500" is 1.50), below 10^12. Returned with scale 2.
     */
    static BigDecimal amount(String field, JsonNode value, FieldErrors errors) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            errors.add(field, "is required");
            return null;
        }
        BigDecimal amount;
        if (value.isNumber()) {
            amount = value.decimalValue();
        } else if (value.isTextual() && DECIMAL_TEXT.matcher(value.textValue()).matches()) {
            amount = new BigDecimal(value.textValue());
        } else {
            errors.add(field, "must be a decimal number such as \"1250.00\" (a string or a JSON number)");
            return null;
        }
        // Cheap checks first: they hold whatever the exponent of a JSON number.
        if (amount.signum() <= 0) {
            errors.add(field, "must be greater than 0");
        } else if (amount.compareTo(LIMIT) >= 0) {
            errors.add(field, "must be below 1000000000000");
        } else if (amount.stripTrailingZeros().scale() > 2) {
            errors.add(field, "must have at most 2 fraction digits");
        } else {
            return amount.setScale(2);
        }
        return null;
    }

    /** An ISO 4217 code as the JVM knows them, upper case ("EUR"). */
    static String currency(String field, String value, FieldErrors errors) {
        if (value == null) {
            errors.add(field, "is required");
            return null;
        }
        if (CURRENCY_CODE.matcher(value).matches()) {
            try {
                Currency.getInstance(value);
                return value;
            } catch (IllegalArgumentException e) {
                // not a known code: reported below
            }
        }
        errors.add(field, "must be an ISO 4217 currency code such as EUR");
        return null;
    }
}
