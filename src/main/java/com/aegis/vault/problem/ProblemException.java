package com.aegis.vault.problem;

import java.util.List;

/** Thrown by services to answer with a problem document; mapped to the response by the problem layer. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail, null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.ofStatus(400, detail));
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(Problem.validation(List.of(new Problem.FieldError(field, message))));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.ofStatus(401, detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.ofStatus(403, detail));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.ofStatus(404, detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.ofStatus(409, detail));
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(new Problem("idempotency-key-reused", "Idempotency-Key reused", 422, detail));
    }
}
