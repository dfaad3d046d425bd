package com.aegis.vault.auditlog;

import com.aegis.vault.hashing.CanonicalJson;
import com.aegis.vault.hashing.Sha256;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The hash of an audit-trail entry: SHA-256 (lowercase hex) over the UTF-8 bytes of the
 * canonical JSON ({@link CanonicalJson}) of the entry with every field except {@code hash}:
 * {@code details, id, memberId, occurredAt, prevHash, recordedAt, riskScore, seq, type}.
 * Instants are written exactly as the API shows them ({@link java.time.Instant#toString()}).
 * The first entry of a chain has {@link #GENESIS} as its {@code prevHash}.
 */
public final class ChainHash {

    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    public static String of(SecurityLogEntry entry, JsonNode details) {
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.set("details", details);
        content.put("id", entry.id.toString());
        content.put("memberId", entry.memberId);
        content.put("occurredAt", entry.occurredAt.toString());
        content.put("prevHash", entry.prevHash);
        content.put("recordedAt", entry.recordedAt.toString());
        if (entry.riskScore == null) {
            content.putNull("riskScore");
        } else {
            content.put("riskScore", entry.riskScore.intValue());
        }
        content.put("seq", entry.seq);
        content.put("type", entry.type.name());
        return Sha256.hex(CanonicalJson.write(content));
    }
}
