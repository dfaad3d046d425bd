package com.aegis.vault.auditlog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The head of one member's hash chain; appending locks this row. */
@Entity
@Table(name = "member_chains")
public class MemberChain extends PanacheEntityBase {

    @Id
    @Column(name = "member_id", length = 64)
    public String memberId;

    @Column(name = "last_seq", nullable = false)
    public long lastSeq;

    @Column(name = "last_hash", nullable = false, length = 64)
    public String lastHash;
}
