package com.aegis.vault.advocate;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** A member has named this advocate as one of their Trusted Advocates. */
@Entity
@Table(name = "advocate_links")
public class AdvocateLink extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "linked_at", nullable = false)
    public Instant linkedAt;

    public static boolean exists(String memberId, String advocateId) {
        return count("key.memberId = ?1 and key.advocateId = ?2", memberId, advocateId) > 0;
    }

    @Embeddable
    public record Key(@Column(name = "member_id", length = 64) String memberId,
                      @Column(name = "advocate_id", length = 64) String advocateId) implements Serializable {
    }
}
