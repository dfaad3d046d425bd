package com.aegis.vault.schema.drift;

/**
 * One object of the schema as drift compares it: its kind ({@code table}, {@code column}, {@code index},
 * {@code constraint}, {@code trigger}, {@code function}, {@code view}), its name (qualified by its table
 * where it belongs to one) and its definition as PostgreSQL prints it. A snapshot file holds one per line:
 * {@code kind name :: definition}.
 */
public record SchemaObject(String kind, String name, String definition) implements Comparable<SchemaObject> {

    static final String SEPARATOR = " :: ";

    /** The identity two schemas are matched on. */
    public String key() {
        return kind + " " + name;
    }

    public String line() {
        return definition.isEmpty() ? key() : key() + SEPARATOR + definition;
    }

    public static SchemaObject parse(String line) {
        int separator = line.indexOf(SEPARATOR);
        String key = separator < 0 ? line : line.substring(0, separator);
        String definition = separator < 0 ? "" : line.substring(separator + SEPARATOR.length());
        int space = key.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("not a schema snapshot line: " + line);
        }
        return new SchemaObject(key.substring(0, space), key.substring(space + 1), definition);
    }

    @Override
    public int compareTo(SchemaObject other) {
        return line().compareTo(other.line());
    }
}
