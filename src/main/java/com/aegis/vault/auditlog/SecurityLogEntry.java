package com.aegis.vault.auditlog;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a member's append-only audit trail. Serialised as-is in API responses;
 * {@code details} is stored as canonical JSON text and emitted raw.
 */
@Entity
@Immutable
@JsonPropertyOrder({"id", "memberId", "seq", "type", "occurredAt", "recordedAt", "riskScore", "details",
        "prevHash", "hash"})
@Schema(name = "SecurityLogEntry", description = "One entry of a member's hash-chained audit trail")
@Table(name = "security_logs")
public class SecurityLogEntry extends PanacheEntityBase {

    @Id
    @Schema(example = "0b7c3f9e-8d1a-4c52-9f43-2a6b1e7d5c10")
    public UUID id;

    @Column(name = "member_id", nullable = false, length = 64)
    @Schema(example = "alice")
    public String memberId;

    @Column(nullable = false)
    @Schema(description = "1, 2, 3 ... per member, no gaps", example = "7")
    public long seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public LogType type;

    @Column(name = "occurred_at", nullable = false)
    @Schema(description = "When it happened (as the phone said), ISO-8601 UTC, microsecond precision",
            example = "2026-01-31T12:00:00Z")
    public Instant occurredAt;

    @Column(name = "recorded_at", nullable = false)
    @Schema(description = "When the server recorded it, ISO-8601 UTC, microsecond precision",
            example = "2026-01-31T12:00:03.512345Z")
    public Instant recordedAt;

    @Column(name = "risk_score")
    @Schema(nullable = true, minimum = "0", maximum = "100", description = "0-100 where one applies, else null")
    public Integer riskScore;

    @JsonRawValue
    @Column(nullable = false, length = 16000)
    @Schema(type = SchemaType.OBJECT, description = "The event's own fields (absent optional fields omitted), e.g. "
            + "SCAM_CALL: callerNumber, durationSeconds, verdict, notes; TRANSACTION: amount (decimal string), "
            + "currency, payee, channel, externalRef, approvalRequired, approvalId",
            example = "{\"callerNumber\":\"+4915112345678\",\"verdict\":\"BLOCKED\"}")
    public String details;

    @Column(name = "prev_hash", nullable = false, length = 64)
    @Schema(description = "hash of the previous entry; 64 zeros for seq 1", example = "0000000000000000000000000000000000000000000000000000000000000000")
    public String prevHash;

    @Column(nullable = false, length = 64)
    @Schema(description = "SHA-256 (lowercase hex) of the canonical JSON of this entry without hash (see README)")
    public String hash;
}
