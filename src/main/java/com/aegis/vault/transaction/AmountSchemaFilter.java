package com.aegis.vault.transaction;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.List;

/**
 * Documents {@code amount} as what the server really accepts: a JSON string or number (OpenAPI 3.1
 * type list). The annotation scanner can only derive "number" from BigDecimal.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class AmountSchemaFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Schema request = openAPI.getComponents().getSchemas().get("TransactionRequest");
        if (request == null || request.getProperties() == null) {
            return;
        }
        Schema amount = request.getProperties().get("amount");
        if (amount != null) {
            amount.setOneOf(null);
            amount.setType(List.of(Schema.SchemaType.STRING, Schema.SchemaType.NUMBER));
            amount.setExamples(List.of("1250.00"));
        }
    }
}
