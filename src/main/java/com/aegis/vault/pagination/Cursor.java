package com.aegis.vault.pagination;

import com.aegis.vault.hashing.Sha256;
import com.aegis.vault.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque keyset cursors: the sort key of the last item of a page, tagged with the list it belongs
 * to and a checksum, base64url-encoded. A cursor this server did not issue (or issued for another
 * list) is refused with 400 instead of being guessed at.
 */
public final class Cursor {

    private static final String SEPARATOR = "\u001f";
    private static final int CHECKSUM_LENGTH = 12;

    private Cursor() {
    }

    public static String encode(String list, String... position) {
        String payload = list + SEPARATOR + String.join(SEPARATOR, position);
        String token = checksum(payload) + payload;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the position parts, exactly {@code parts} of them */
    public static String[] decode(String cursor, String list, int parts) {
        try {
            String token = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String payload = token.substring(CHECKSUM_LENGTH);
            if (!token.startsWith(checksum(payload))) {
                throw invalid();
            }
            String[] fields = payload.split(SEPARATOR, -1);
            if (fields.length != parts + 1 || !fields[0].equals(list)) {
                throw invalid();
            }
            String[] position = new String[parts];
            System.arraycopy(fields, 1, position, 0, parts);
            return position;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw invalid();
        }
    }

    /** A position part that holds an instant; a part that does not parse is a cursor this server did not issue. */
    public static Instant instant(String part) {
        try {
            return Instant.parse(part);
        } catch (DateTimeParseException e) {
            throw invalid();
        }
    }

    /** A position part that holds a UUID. */
    public static UUID uuid(String part) {
        try {
            return UUID.fromString(part);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /** A position part that holds a whole number. */
    public static long number(String part) {
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static String checksum(String payload) {
        return Sha256.hex("aegis-cursor" + payload).substring(0, CHECKSUM_LENGTH);
    }

    private static ProblemException invalid() {
        return ProblemException.invalidField("cursor", "is not a cursor this server issued");
    }
}
