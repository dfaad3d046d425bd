package com.aegis.vault.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A risk score: a whole number from 0 to 100, as the phone's scam detection rates a call or a payment.
 * {@code null} is valid: combine with @NotNull.
 */
@Documented
@Min(0)
@Max(100)
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface RiskScore {

    /** The rule as the OpenAPI document states it. */
    String DESCRIPTION = "Integer 0-100; fractions and out-of-range numbers are refused, not rounded";

    String message() default "must be a whole number from 0 to 100";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
