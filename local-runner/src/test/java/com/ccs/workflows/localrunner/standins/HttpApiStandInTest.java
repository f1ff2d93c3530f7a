package com.ccs.workflows.localrunner.standins;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.deployment.LocalDeployment;
import com.ccs.workflows.localrunner.testing.TestProject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpApiStandInTest {
    private static LocalDeployment deployment;
    private static HttpClient http;

    @BeforeAll
    static void deploy() {
        deployment = TestProject.deploy();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void close() {
        http.close();
        deployment.close();
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        URI uri = deployment.httpApi().baseUrl().resolve(path);
        return http.send(
                HttpRequest.newBuilder(uri)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRouteOfTheTemplateReachesTheFunctionOfItsIntegration() throws Exception {
        HttpResponse<String> unsigned = send("GET", "/approvals/APR-2026-000001/approve");

        // The approval-callback function itself refuses a link without a signature; the API passed it on.
        assertThat(unsigned.statusCode()).isBetween(400, 499).isNotEqualTo(404);
        assertThat(unsigned.body()).doesNotContain("Not Found");
    }

    @Test
    void aPathOrMethodNoRouteMatchesIsNotFoundAsOnApiGateway() throws Exception {
        for (HttpResponse<String> response : new HttpResponse[] {
            send("GET", "/approvals/APR-2026-000001"),
            send("GET", "/approvals/APR-2026-000001/approve/again"),
            send("DELETE", "/approvals/APR-2026-000001/approve")
        }) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
        }
    }
}
