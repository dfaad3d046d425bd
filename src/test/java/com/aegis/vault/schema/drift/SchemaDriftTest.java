package com.aegis.vault.schema.drift;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Definitions PostgreSQL prints differently but that mean the same are not drift; real changes still are. */
class SchemaDriftTest {

    static final String AS_CREATED = "CHECK (((status)::text = ANY ((ARRAY['PENDING'::character varying, "
            + "'APPROVED'::character varying])::text[])))";
    static final String AS_RESTORED = "CHECK (((status)::text = ANY (ARRAY[('PENDING'::character varying)::text, "
            + "('APPROVED'::character varying)::text])))";

    @Test
    void aCheckConstraintAsPgRestorePrintsItIsNoDrift() {
        assertEquals(List.of(), SchemaDrift.differences("4",
                List.of(new SchemaObject("constraint", "pending_approvals.ck_status", AS_CREATED)),
                List.of(new SchemaObject("constraint", "pending_approvals.ck_status", AS_RESTORED))));
    }

    @Test
    void aCheckConstraintWithAnotherListIsDrift() {
        List<String> lines = SchemaDrift.differences("4",
                List.of(new SchemaObject("constraint", "pending_approvals.ck_status", AS_CREATED)),
                List.of(new SchemaObject("constraint", "pending_approvals.ck_status", AS_RESTORED.replace("APPROVED", "WAVED"))));
        assertEquals(1, lines.size(), lines.toString());
    }
}
