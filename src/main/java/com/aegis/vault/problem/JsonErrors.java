package com.aegis.vault.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Explains why Jackson refused a request body, in the client's terms: the JSON path of the
 * offending property ({@code riskScore}, {@code items[2].amount}) and what it must be, never a
 * Java class name. A body that is not JSON at all is "malformed-json" without field errors.
 */
final class JsonErrors {

    private JsonErrors() {
    }

    static Problem toProblem(JsonProcessingException e) {
        JsonMappingException mapping = deepestWithPath(e);
        if (mapping == null) {
            if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                return malformed("the request body must be a JSON " + describe(mismatch.getTargetType()));
            }
            return malformed(syntaxDetail(e));
        }
        String field = path(mapping);
        return Problem.validation(List.of(new Problem.FieldError(field, message(mapping, e))));
    }

    private static Problem malformed(String detail) {
        return new Problem("malformed-json", "Malformed JSON", 400, detail);
    }

    private static String syntaxDetail(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "the request body exceeds a JSON limit: " + e.getOriginalMessage();
        }
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        String reason = e.getOriginalMessage() == null ? "" : ": " + firstLine(e.getOriginalMessage());
        return "the request body is not valid JSON" + where + reason;
    }

    /** The innermost mapping exception that knows where in the document it happened. */
    private static JsonMappingException deepestWithPath(Throwable e) {
        JsonMappingException found = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonMappingException m && !m.getPath().isEmpty()) {
                found = m;
            }
        }
        return found;
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String message(JsonMappingException mapping, JsonProcessingException root) {
        for (Throwable t = root; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InputCoercionException coercion) {
                return "is out of range for " + describe(coercion.getTargetType());
            }
            if (t instanceof StreamConstraintsException) {
                return "is too long";
            }
        }
        if (mapping instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return "must be one of " + Arrays.stream(format.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + withArticle(describe(mismatch.getTargetType()));
        }
        return "has an invalid value";
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "integer";
        }
        if (type == BigDecimal.class || type == Double.class || type == double.class) {
            return "decimal number (a JSON number or a string such as \"1250.00\")";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == Instant.class) {
            return "ISO-8601 instant string such as \"2026-01-31T12:00:00Z\"";
        }
        if (type.isEnum()) {
            return "string, one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        return "object";
    }

    private static String withArticle(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 || noun.startsWith("ISO") ? "an " : "a ") + noun;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
