package com.aegis.vault.auditlog;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a member's append-only audit trail. Serialised as-is in API responses;
 * {@code details} is stored as canonical JSON text and emitted raw.
 */
@Entity
@Immutable
@Table(name = "security_logs")
public class SecurityLogEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "member_id", nullable = false, length = 64)
    public String memberId;

    @Column(nullable = false)
    public long seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public LogType type;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "risk_score")
    public Integer riskScore;

    @JsonRawValue
    @Column(nullable = false, length = 16000)
    public String details;

    @Column(name = "prev_hash", nullable = false, length = 64)
    public String prevHash;

    @Column(nullable = false, length = 64)
    public String hash;
}
