package com.ccs.workflows.createcontract;

import com.ccs.workflows.errors.DependencyUnavailableException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.time.Clock;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A throttled DynamoDB read reaches the state machine as the retried DependencyUnavailableException. */
class DynamoDbContractStoreFaultsTest {

    @Test
    void storeTurnsThrottledReadIntoDependencyUnavailable() {
        DynamoDbClient throttled = new DynamoDbClient() {
            @Override
            public GetItemResponse getItem(Consumer<GetItemRequest.Builder> request) {
                throw ProvisionedThroughputExceededException.builder().message("throttled").statusCode(400).build();
            }

            @Override
            public String serviceName() {
                return "dynamodb";
            }

            @Override
            public void close() {
            }
        };
        ContractService service = new ContractService(new DynamoDbContractStore(throttled, "ccs-test-contracts"), Clock.systemUTC());

        assertThatThrownBy(() -> service.create(Requests.automatic("exec-throttled")))
                .isInstanceOfSatisfying(DependencyUnavailableException.class, e -> assertThat(e.dependency()).startsWith("DynamoDB"));
    }
}
