package com.aegis.vault.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A money amount: greater than 0, below 10^12, at most 2 fraction digits (trailing zeros do not count:
 * {@code 12.500} is 12.50). Fits the database's NUMERIC(14,2). {@code null} is valid: combine with @NotNull.
 */
@Documented
@DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
@DecimalMax(value = "1000000000000", inclusive = false, message = "must be less than 1000000000000")
@FractionDigits(max = 2)
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Amount {

    /** The rule as the OpenAPI document states it. */
    String DESCRIPTION = "Decimal as a JSON string (preferred) or number: > 0, < 10^12, at most 2 fraction digits";

    String message() default "must be a decimal amount greater than 0, below 10^12, with at most 2 fraction digits";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
