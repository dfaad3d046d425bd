package com.aegis.vault.scamcall;

import com.aegis.vault.auditlog.LogType;
import com.aegis.vault.auditlog.SecurityLogEntry;
import com.aegis.vault.auditlog.SecurityLogWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Records a scam call in the member's audit trail. */
@ApplicationScoped
public class ScamCallService {

    @Inject
    SecurityLogWriter securityLog;

    @Inject
    Event<ScamCallLogged> logged;

    @Transactional
    public SecurityLogEntry log(String memberId, ScamCallRequest call) {
        ObjectNode details = JsonNodeFactory.instance.objectNode()
                .put("callerNumber", call.callerNumber)
                .put("verdict", call.verdict.name());
        // Absent optional fields are omitted, not written as null: the hash covers exactly what was said.
        if (call.durationSeconds != null) {
            details.put("durationSeconds", call.durationSeconds.intValue());
        }
        if (call.notes != null) {
            details.put("notes", call.notes);
        }
        SecurityLogEntry entry = securityLog.append(memberId, LogType.SCAM_CALL, call.occurredAt, call.riskScore,
                details);
        logged.fire(new ScamCallLogged(call.verdict));
        return entry;
    }

    /** Fired inside the transaction; metrics count it only once the transaction commits. */
    public record ScamCallLogged(Verdict verdict) {
    }
}
