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
import java.time.Duration;
import java.time.Instant;

/**
 * When something happened on the phone: not more than {@link #TOLERANCE} in the future (phone clocks
 * drift a little, but a future event is a bug or a forgery), and not before 1970 (nothing this app
 * records is that old; it also keeps instants inside what the database and the hash form can hold).
 * {@code null} is valid: combine with @NotNull.
 */
@Documented
@Constraint(validatedBy = EventTime.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface EventTime {

    Duration TOLERANCE = Duration.ofMinutes(5);
    Instant EARLIEST = Instant.EPOCH;

    String message() default "must not be more than 5 minutes in the future";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<EventTime, Instant> {

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.isBefore(EARLIEST)) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must not be before 1970-01-01T00:00:00Z")
                        .addConstraintViolation();
                return false;
            }
            return !value.isAfter(Instant.now().plus(TOLERANCE));
        }
    }
}
