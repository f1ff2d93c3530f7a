package com.ccs.workflows.createcontract;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.testing.ThrottledDynamoDb;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A throttled DynamoDB read reaches the state machine as the retried DependencyUnavailableException. */
class DynamoDbContractStoreFaultsTest {

    @Test
    void storeTurnsThrottledReadIntoDependencyUnavailable() {
        DynamoDbClient throttled = ThrottledDynamoDb.everyRead();
        ContractService service = new ContractService(new DynamoDbContractStore(throttled, "ccs-test-contracts"), Clock.systemUTC());

        assertThatThrownBy(() -> service.create(Requests.automatic("exec-throttled")))
                .isInstanceOfSatisfying(DependencyUnavailableException.class, e -> assertThat(e.dependency()).startsWith("DynamoDB"));
    }
}
