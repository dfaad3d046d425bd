package com.aegis.vault.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns bean-validation violations into field errors named as the client spells them:
 * {@code create.body.amount} becomes {@code amount} (its JSON property name, honouring
 * {@code @JsonProperty}), a violated query parameter keeps its own name (resource methods name
 * their Java parameters after the query parameter).
 */
@ApplicationScoped
public class Violations {

    @Inject
    ObjectMapper mapper;

    private final Map<Class<?>, Map<String, String>> jsonNames = new ConcurrentHashMap<>();

    public boolean concernsReturnValue(Set<? extends ConstraintViolation<?>> violations) {
        for (ConstraintViolation<?> violation : violations) {
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.RETURN_VALUE) {
                    return true;
                }
            }
        }
        return false;
    }

    public Problem toProblem(Set<? extends ConstraintViolation<?>> violations) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : violations) {
            errors.add(new Problem.FieldError(field(violation), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
        return Problem.validation(errors);
    }

    String field(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        StringBuilder out = new StringBuilder();
        Iterator<Path.Node> it = nodes.iterator();
        while (it.hasNext()) {
            Path.Node node = it.next();
            boolean last = !it.hasNext();
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE, BEAN -> {
                    // the method is not something the client sees
                }
                case PARAMETER -> {
                    // A body parameter is followed by its properties; a query/header parameter stands alone.
                    if (last) {
                        out.append(node.getName());
                    }
                }
                default -> {
                    if (node.getIndex() != null) {
                        out.append('[').append(node.getIndex()).append(']');
                    } else if (node.getKey() != null) {
                        out.append('[').append(node.getKey()).append(']');
                    }
                    if (node.getName() != null && node.getKind() == ElementKind.PROPERTY) {
                        if (!out.isEmpty()) {
                            out.append('.');
                        }
                        out.append(last && violation.getLeafBean() != null
                                ? jsonName(violation.getLeafBean().getClass(), node.getName())
                                : node.getName());
                    }
                }
            }
        }
        return out.toString();
    }

    private String jsonName(Class<?> type, String javaName) {
        return jsonNames.computeIfAbsent(type, this::namesOf).getOrDefault(javaName, javaName);
    }

    private Map<String, String> namesOf(Class<?> type) {
        Map<String, String> names = new ConcurrentHashMap<>();
        for (BeanPropertyDefinition property : mapper.getDeserializationConfig()
                .introspect(mapper.constructType(type)).findProperties()) {
            names.put(property.getInternalName(), property.getName());
        }
        return names;
    }
}
