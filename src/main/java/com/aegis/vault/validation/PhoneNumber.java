package com.aegis.vault.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An E.164 number: {@code +} and 8 to 15 digits, nothing else. {@code null} is valid: combine with @NotNull. */
@Documented
@Pattern(regexp = "\\+[0-9]{8,15}", message = "must be an E.164 number: + followed by 8 to 15 digits")
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PhoneNumber {

    String message() default "must be an E.164 number: + followed by 8 to 15 digits";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
