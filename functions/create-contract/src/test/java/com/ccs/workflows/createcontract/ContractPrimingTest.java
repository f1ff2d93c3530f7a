package com.ccs.workflows.createcontract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractPrimingTest {

    @Test
    void runsTheRequestPathForBothApprovalsOnDynamoDbInMemory() {
        ContractPriming.Report report = ContractPriming.prime(3);

        assertThat(report.invocations()).isEqualTo(6);
        // per contract: the marker read, the counter, the transaction
        assertThat(report.sdkRequests()).isEqualTo(Map.of("GetItem", 6, "UpdateItem", 6, "TransactWriteItems", 6));
    }
}
