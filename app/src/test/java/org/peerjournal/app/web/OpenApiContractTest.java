package org.peerjournal.app.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** In production (bearer JWT, no demo users) the document declares and applies the bearer scheme only. */
class OpenApiContractTest {

    @Test
    void productionDeclaresBearerJwtOnEveryOperation() {
        OpenAPI api = new OpenAPI().paths(new Paths()
                .addPathItem("/api/journals", new PathItem()
                        .get(new Operation().responses(new ApiResponses().addApiResponse("200", new ApiResponse())))
                        .post(new Operation())));

        new OpenApiContract().contractEdges(false, true).customise(api);

        SecurityScheme bearer = api.getComponents().getSecuritySchemes().get(OpenApiContract.BEARER);
        assertThat(api.getComponents().getSecuritySchemes()).containsOnlyKeys(OpenApiContract.BEARER);
        assertThat(bearer.getScheme()).isEqualTo("bearer");
        assertThat(bearer.getBearerFormat()).isEqualTo("JWT");
        for (Operation operation : api.getPaths().get("/api/journals").readOperations()) {
            assertThat(operation.getSecurity()).containsExactly(new SecurityRequirement().addList(OpenApiContract.BEARER));
        }
        assertThat(api.getPaths().get("/api/journals").getGet().getResponses())
                .containsKeys("200", "400", "401", "403", "404", "429").doesNotContainKeys("409", "413", "415");
        assertThat(api.getPaths().get("/api/journals").getPost().getResponses())
                .containsKeys("400", "401", "403", "404", "409", "413", "415", "429");
        assertThat(api.getPaths().get("/api/journals").getPost().getResponses().get("429").getHeaders())
                .containsKey("Retry-After");
        assertThat(List.copyOf(api.getComponents().getSchemas().keySet())).contains(OpenApiContract.PROBLEM);
    }
}
