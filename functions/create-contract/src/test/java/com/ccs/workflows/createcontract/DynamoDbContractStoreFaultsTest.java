package com.ccs.workflows.createcontract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.testing.ThrottledDynamoDb;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A throttled DynamoDB read reaches the state machine as the retried DependencyUnavailableException. */
class DynamoDbContractStoreFaultsTest {

    @Test
    void storeTurnsThrottledReadIntoDependencyUnavailable() {
        DynamoDbClient throttled = ThrottledDynamoDb.everyRead();
        ContractService service =
                new ContractService(new DynamoDbContractStore(throttled, "ccs-test-contracts"), Clock.systemUTC());

        assertThatThrownBy(() -> service.create(Requests.automatic("exec-throttled")))
                .isInstanceOfSatisfying(
                        DependencyUnavailableException.class,
                        e -> assertThat(e.dependency()).startsWith("DynamoDB"));
    }
}
