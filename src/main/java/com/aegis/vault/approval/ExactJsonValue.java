package com.aegis.vault.approval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.DecimalNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.io.IOException;

/**
 * Reads any JSON value as a tree, but a JSON number exactly as written (BigDecimal), never through a
 * double: {@code 1250.10} must not become 1250.0999… and {@code 0.001} must be seen to have 3 fraction digits.
 */
@RegisterForReflection
public class ExactJsonValue extends StdDeserializer<JsonNode> {

    public ExactJsonValue() {
        super(JsonNode.class);
    }

    @Override
    public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return DecimalNode.valueOf(parser.getDecimalValue());
        }
        return context.readTree(parser);
    }
}
