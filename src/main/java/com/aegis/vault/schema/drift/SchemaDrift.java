package com.aegis.vault.schema.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The differences between the schema a version defines and the live one, one sentence each. */
public final class SchemaDrift {

    private static final String ENABLED = "ENABLED ";
    private static final String DISABLED = "DISABLED ";

    private SchemaDrift() {
    }

    public static List<String> differences(String version, List<SchemaObject> expected, List<SchemaObject> live) {
        Map<String, SchemaObject> want = byKey(expected);
        Map<String, SchemaObject> have = byKey(live);
        String at = "the schema at V" + version;
        List<String> lines = new ArrayList<>();
        for (SchemaObject e : want.values()) {
            SchemaObject h = have.get(e.key());
            if (h == null) {
                lines.add(e.key() + ": missing (" + at + " has it" + (e.definition().isEmpty() ? "" : ": " + e.definition()) + ")");
            } else if (!canonical(h.definition()).equals(canonical(e.definition()))) {
                lines.add(e.key() + ": " + changed(e, h));
            }
        }
        for (SchemaObject h : have.values()) {
            if (!want.containsKey(h.key())) {
                lines.add(h.key() + ": not in " + at + " (made by hand?)" + (h.definition().isEmpty() ? "" : ": " + h.definition()));
            }
        }
        return lines;
    }

    /**
     * The form two definitions are compared in. PostgreSQL does not print every expression back the way it
     * read it: a CHECK written {@code status IN ('A', 'B')} on a varchar column prints as
     * {@code ((ARRAY['A'::character varying, ...])::text[])} after CREATE TABLE, but as
     * {@code ARRAY[('A'::character varying)::text, ...]} once pg_dump's output was restored. Both mean the same;
     * these rewrites bring them to one form (messages still show the definitions as printed).
     */
    static String canonical(String definition) {
        return definition
                .replaceAll("\\('((?:[^']|'')*)'::character varying\\)::text", "'$1'::character varying")
                .replaceAll("\\(\\(ARRAY\\[([^\\]]*)\\]\\)::text\\[\\]\\)", "(ARRAY[$1])");
    }

    private static String changed(SchemaObject expected, SchemaObject live) {
        if (expected.kind().equals("trigger") && expected.definition().startsWith(ENABLED)
                && live.definition().equals(DISABLED + expected.definition().substring(ENABLED.length()))) {
            return "DISABLED (ALTER TABLE … DISABLE TRIGGER): it must be enabled — re-enable it with ALTER TABLE "
                    + expected.name().substring(0, expected.name().indexOf('.')) + " ENABLE TRIGGER "
                    + expected.name().substring(expected.name().indexOf('.') + 1);
        }
        return "differs: expected \"" + expected.definition() + "\", found \"" + live.definition() + "\"";
    }

    private static Map<String, SchemaObject> byKey(List<SchemaObject> objects) {
        Map<String, SchemaObject> map = new LinkedHashMap<>();
        objects.stream().sorted().forEach(o -> map.put(o.key(), o));
        return map;
    }
}
