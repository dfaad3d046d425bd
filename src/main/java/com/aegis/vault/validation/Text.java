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

/**
 * Free text of {@code min}..{@code max} characters, counted as Unicode code points (an emoji is one
 * character, as JSON Schema's maxLength counts). Refuses NUL and unpaired surrogates, which PostgreSQL
 * cannot store and an auditor's UTF-8 tooling cannot hash. {@code null} is valid: combine with @NotNull.
 */
@Documented
@Constraint(validatedBy = Text.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Text {

    int min() default 0;

    int max();

    /** When false, a value of white space only is refused. */
    boolean blankAllowed() default true;

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Text, String> {

        private Text rule;

        @Override
        public void initialize(Text rule) {
            this.rule = rule;
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String problem = check(value);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }

        private String check(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == 0) {
                    return "must not contain the NUL character";
                }
                if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return "must not contain unpaired surrogate characters";
                }
            }
            int length = value.codePointCount(0, value.length());
            if (length < rule.min() || length > rule.max()) {
                return rule.min() > 0
                        ? "must be between " + rule.min() + " and " + rule.max() + " characters long"
                        : "must be at most " + rule.max() + " characters long";
            }
            if (!rule.blankAllowed() && value.isBlank()) {
                return "must not be blank";
            }
            return null;
        }
    }
}
