package com.aegis.vault.approval;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A held transaction or a bill awaiting a Trusted Advocate's decision (table {@code pending_approvals}). */
@Entity
@Table(name = "pending_approvals")
@Schema(name = "Approval", description = "A held transaction or a bill awaiting (or past) a Trusted Advocate's decision")
public class Approval extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "member_id", nullable = false, length = 64)
    public String memberId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public ApprovalKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public ApprovalStatus status;

    /** Travels as a decimal string ("1250.00"), never as a float. */
    @JsonFormat(shape = JsonFormat.Shape.STRING)
    @Schema(type = SchemaType.STRING, example = "1250.00", description = "Decimal string, 2 fraction digits")
    @Column(nullable = false, precision = 14, scale = 2)
    public BigDecimal amount;

    @Column(nullable = false, length = 3)
    public String currency;

    @Column(nullable = false, length = 200)
    public String payee;

    @Schema(nullable = true)
    @Column(length = 1000)
    public String description;

    @Schema(nullable = true, description = "Due date of a bill; null for transactions")
    @Column(name = "due_date")
    public LocalDate dueDate;

    @Schema(nullable = true, description = "The held transaction's security-log entry, where one exists")
    @Column(name = "security_log_id")
    public UUID securityLogId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Schema(description = "A PENDING approval becomes EXPIRED at this instant (a held transaction then counts as rejected)")
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Schema(nullable = true, description = "When an advocate approved or rejected it; null while PENDING and for EXPIRED")
    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Schema(nullable = true, description = "The advocate who approved or rejected it")
    @Column(name = "resolved_by", length = 64)
    public String resolvedBy;

    @Schema(nullable = true, description = "The advocate's note, if they gave one")
    @Column(name = "resolution_note", length = 1000)
    public String resolutionNote;
}
