package com.ccs.workflows.createcontract;

import com.ccs.workflows.errors.DependencyUnavailableException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.time.Clock;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which DynamoDB failures the state machine should retry (DependencyUnavailableException) and which not. */
class DynamoDbErrorsTest {

    @Test
    void throttlingIsTransient() {
        SdkException throttled = ProvisionedThroughputExceededException.builder().message("slow down").statusCode(400).build();

        assertThat(DynamoDbErrors.translate("GetItem", throttled))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("GetItem")
                .hasCause(throttled);
    }

    @Test
    void serverErrorIsTransient() {
        SdkException internal = DynamoDbException.builder().message("internal").statusCode(500).build();

        assertThat(DynamoDbErrors.translate("UpdateItem", internal)).isInstanceOf(DependencyUnavailableException.class);
    }

    @Test
    void timeoutIsTransient() {
        SdkException timeout = ApiCallTimeoutException.create(6_000);

        assertThat(DynamoDbErrors.translate("GetItem", timeout)).isInstanceOf(DependencyUnavailableException.class);
    }

    @Test
    void missingTableIsNotRetried() {
        SdkException missing = ResourceNotFoundException.builder().message("no table").statusCode(400).build();

        assertThat(DynamoDbErrors.translate("GetItem", missing)).isSameAs(missing);
    }

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
                .isInstanceOfSatisfying(DependencyUnavailableException.class, e -> assertThat(e.dependency()).isEqualTo("DynamoDB"));
    }
}
