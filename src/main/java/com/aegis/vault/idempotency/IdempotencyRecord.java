package com.aegis.vault.idempotency;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** The stored outcome of a creating POST sent with an Idempotency-Key. */
@Entity
@Table(name = "idempotency_keys")
public class IdempotencyRecord extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "request_hash", nullable = false, length = 64)
    public String requestHash;

    @Column(name = "response_status")
    public Integer responseStatus;

    @Column(name = "response_body", length = 100000)
    public String responseBody;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Embeddable
    public record Key(@Column(name = "caller_id", length = 64) String callerId,
                      @Column(name = "endpoint", length = 100) String endpoint,
                      @Column(name = "idempotency_key", length = 128) String idempotencyKey)
            implements Serializable {
    }
}
