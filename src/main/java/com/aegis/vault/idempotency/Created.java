package com.aegis.vault.idempotency;

/** What a creating request answers: its status and the body to serialise. */
public record Created(int status, Object body) {

    public static Created created(Object body) {
        return new Created(201, body);
    }
}
