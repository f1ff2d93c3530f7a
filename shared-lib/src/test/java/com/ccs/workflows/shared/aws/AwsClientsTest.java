package com.ccs.workflows.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.shared.config.FunctionEnvironment;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class AwsClientsTest {

    @Test
    void regionComesFromTheEnvironmentWithAFallback() {
        assertThat(AwsClients.region(Map.of("AWS_REGION", "sa-east-1")).id()).isEqualTo("sa-east-1");
        assertThat(AwsClients.region(Map.of("AWS_DEFAULT_REGION", "eu-west-1")).id())
                .isEqualTo("eu-west-1");
        assertThat(AwsClients.region(Map.of()).id()).isEqualTo("us-east-1");
    }

    @Test
    void endpointOverrideOnlyWhenAwsEndpointUrlIsSet() {
        assertThat(AwsClients.endpoint(Map.of())).isEmpty();
        assertThat(AwsClients.endpoint(Map.of("AWS_ENDPOINT_URL", " http://127.0.0.1:4566 ")))
                .contains(URI.create("http://127.0.0.1:4566"));
        assertThatThrownBy(() -> AwsClients.endpoint(Map.of("AWS_ENDPOINT_URL", "localhost")))
                .hasMessageContaining("AWS_ENDPOINT_URL must be an absolute URL");
    }

    @Test
    void emergencyPathClientsGiveUpWithinTheSlaBudget() {
        try (DynamoDbClient client = AwsClients.build(DynamoDbClient.builder(), Map.of(), ClientTimeouts.EMERGENCY)) {
            assertThat(client.serviceClientConfiguration()
                            .overrideConfiguration()
                            .apiCallTimeout())
                    .hasValueSatisfying(timeout -> assertThat(timeout).isLessThan(java.time.Duration.ofSeconds(2)));
        }
    }

    @Test
    void theOneArgumentFormReadsTheFunctionEnvironmentAHostHandsOver() {
        FunctionEnvironment.use(Map.of("AWS_REGION", "ap-south-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:2"));
        try (DynamoDbClient client = AwsClients.build(DynamoDbClient.builder())) {
            assertThat(client.serviceClientConfiguration().region().id()).isEqualTo("ap-south-1");
            assertThat(client.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:2"));
        } finally {
            FunctionEnvironment.use(System.getenv());
        }
    }

    @Test
    void buildsAClientWithTheConfiguredRegionAndEndpoint() {
        try (DynamoDbClient client = AwsClients.build(
                DynamoDbClient.builder(),
                Map.of("AWS_REGION", "sa-east-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:1"))) {
            assertThat(client.serviceClientConfiguration().region().id()).isEqualTo("sa-east-1");
            assertThat(client.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:1"));
            assertThat(client.serviceClientConfiguration()
                            .overrideConfiguration()
                            .apiCallTimeout())
                    .contains(ClientTimeouts.STANDARD.call());
        }
    }
}
