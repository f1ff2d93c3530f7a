package com.ccs.workflows.localrunner.standins;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandInWiringTest {
    private static final Map<StandInWiring.StandIn, URI> URLS = Map.of(
            StandInWiring.StandIn.COMPANY_REGISTRY, URI.create("http://127.0.0.1:1001"),
            StandInWiring.StandIn.HTTP_API, URI.create("http://127.0.0.1:1002"),
            StandInWiring.StandIn.STRIPE, URI.create("http://127.0.0.1:1003"));

    @Test
    void aFunctionIsPointedAtTheStandInsItsEnvironmentMarksAndKeepsTheRest() {
        Map<String, String> validation =
                Map.of("REGISTRY_BASE_URL", "https://registry.ccs.example.com", "CONTRACTS_TABLE", "ccs-dev-contracts");
        Map<String, String> payment =
                Map.of("STRIPE_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:000000000000:secret:stripe");

        assertThat(StandInWiring.rewire(validation, URLS::get))
                .containsEntry("REGISTRY_BASE_URL", "http://127.0.0.1:1001")
                .containsEntry("CONTRACTS_TABLE", "ccs-dev-contracts")
                .doesNotContainKeys("APPROVAL_BASE_URL", "STRIPE_API_BASE");
        // The Stripe row adds a variable the template does not have: the secret ARN stays as it was.
        assertThat(StandInWiring.rewire(payment, URLS::get))
                .containsEntry("STRIPE_API_BASE", "http://127.0.0.1:1003")
                .containsEntry("STRIPE_SECRET_ARN", payment.get("STRIPE_SECRET_ARN"))
                .hasSize(2);
        assertThat(StandInWiring.rewire(Map.of("TABLE", "t"), URLS::get)).isEqualTo(Map.of("TABLE", "t"));
    }

    @Test
    void everyStandInHasARowAndEveryRowSaysWhy() {
        assertThat(StandInWiring.REPLACEMENTS)
                .extracting(StandInWiring.Replacement::standIn)
                .containsExactlyInAnyOrder(StandInWiring.StandIn.values());
        assertThat(StandInWiring.REPLACEMENTS)
                .allSatisfy(row -> assertThat(row.why()).isNotBlank());
    }

    @Test
    void secretsGetFreshValuesOfTheShapeTheirReadersCheck() {
        String stripe = StandInWiring.secretValue("ccs-dev/stripe-api-key");
        String signing = StandInWiring.secretValue("ccs-dev/approval-link-signing-key");

        assertThat(stripe).matches("sk_test_local[A-Za-z0-9]{30,}");
        assertThat(signing).hasSize(86).matches("[A-Za-z0-9_-]+");
        assertThat(StandInWiring.secretValue("ccs-dev/approval-link-signing-key"))
                .isNotEqualTo(signing);
    }
}
