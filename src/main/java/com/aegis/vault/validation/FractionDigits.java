package com.aegis.vault.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;

/**
 * At most {@link #max()} digits after the decimal point, trailing zeros not counted ({@code 12.500}
 * is 12.5; {@code 1250} and {@code 1.25E+3} have none). {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = FractionDigits.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface FractionDigits {

    int max();

    String message() default "must have at most {max} fraction digits";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<FractionDigits, BigDecimal> {

        private int max;

        @Override
        public void initialize(FractionDigits rule) {
            this.max = rule.max();
        }

        @Override
        public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
            return value == null || value.stripTrailingZeros().scale() <= max;
        }
    }
}
