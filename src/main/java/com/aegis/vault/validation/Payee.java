package com.aegis.vault.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Who is paid, as the member names them: 1 to 200 characters, not blank. {@code null} is valid: combine with @NotNull. */
@Documented
@Text(min = 1, max = 200, blankAllowed = false)
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Payee {

    String message() default "must be 1 to 200 characters, not blank";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
