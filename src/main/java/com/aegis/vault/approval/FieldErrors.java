package com.aegis.vault.approval;

import com.aegis.vault.problem.Problem;
import com.aegis.vault.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;

/** Collects every invalid field of a request body, so the app learns all of them in one 400. */
final class FieldErrors {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    void add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }

    /**
     * A text field: absent is allowed only when not {@code required}; otherwise not blank, at most
     * {@code max} characters (code points, as PostgreSQL counts them) and free of NUL, which PostgreSQL
     * cannot store.
     */
    String text(String field, String value, int max, boolean required) {
        if (value == null) {
            if (required) {
                add(field, "is required");
            }
            return null;
        }
        if (required && value.isBlank()) {
            add(field, "must not be blank");
        } else if (value.codePointCount(0, value.length()) > max) {
            add(field, "must be at most " + max + " characters");
        } else if (value.indexOf('\u0000') >= 0) {
            add(field, "must not contain NUL characters");
        } else {
            return value;
        }
        return null;
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
    }

    static ProblemException missingBody() {
        return ProblemException.badRequest("the request needs a JSON object body");
    }
}
