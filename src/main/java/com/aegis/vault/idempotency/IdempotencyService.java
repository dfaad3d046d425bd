package com.aegis.vault.idempotency;

import com.aegis.vault.hashing.CanonicalJson;
import com.aegis.vault.hashing.Sha256;
import com.aegis.vault.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs a creating request at most once per (caller, endpoint, Idempotency-Key).
 * The key row is inserted first, in the caller's transaction (the resource method's), which also holds
 * the work: a concurrent duplicate waits on that row in the database (any pod), then replays the stored
 * response. If the work fails, the key is released with it, so a corrected retry may reuse it.
 */
@ApplicationScoped
public class IdempotencyService {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Transactional(Transactional.TxType.MANDATORY)
    public Response once(String callerId, String endpoint, String idempotencyKey, Object request,
                         Supplier<Created> work) {
        if (idempotencyKey == null) {
            return respond(work.get());
        }
        if (!VALID_KEY.matcher(idempotencyKey).matches()) {
            throw ProblemException.invalidField(HEADER, "must be 1 to 128 visible ASCII characters");
        }
        String requestHash = Sha256.hex(CanonicalJson.write(mapper.valueToTree(request)));
        int inserted = em.createNativeQuery("INSERT INTO idempotency_keys "
                        + "(caller_id, endpoint, idempotency_key, request_hash, created_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING")
                .setParameter(1, callerId)
                .setParameter(2, endpoint)
                .setParameter(3, idempotencyKey)
                .setParameter(4, requestHash)
                .setParameter(5, Instant.now())
                .executeUpdate();
        if (inserted == 0) {
            return replay(new IdempotencyRecord.Key(callerId, endpoint, idempotencyKey), requestHash);
        }
        Created created = work.get();
        String body = toJson(created.body());
        em.createNativeQuery("UPDATE idempotency_keys SET response_status = ?1, response_body = ?2 "
                        + "WHERE caller_id = ?3 AND endpoint = ?4 AND idempotency_key = ?5")
                .setParameter(1, created.status())
                .setParameter(2, body)
                .setParameter(3, callerId)
                .setParameter(4, endpoint)
                .setParameter(5, idempotencyKey)
                .executeUpdate();
        return Response.status(created.status()).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Response replay(IdempotencyRecord.Key key, String requestHash) {
        IdempotencyRecord stored = em.find(IdempotencyRecord.class, key);
        if (!stored.requestHash.equals(requestHash)) {
            throw ProblemException.unprocessable("Idempotency-Key " + key.idempotencyKey()
                    + " was already used with a different request body");
        }
        return Response.status(stored.responseStatus).entity(stored.responseBody)
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Response respond(Created created) {
        return Response.status(created.status()).entity(toJson(created.body()))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private String toJson(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response body cannot be serialised", e);
        }
    }
}
