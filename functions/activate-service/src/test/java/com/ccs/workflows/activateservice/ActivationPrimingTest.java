package com.ccs.workflows.activateservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivationPrimingTest {

    @Test
    void runsTheRequestPathOnDynamoDbInMemory() {
        ActivationPriming.Report report = ActivationPriming.prime(3);

        assertThat(report.invocations()).isEqualTo(3);
        // per activation: the contract read, the plates' current holders, one transaction of vehicles, the contract
        // update (the stored time is the sent one)
        assertThat(report.sdkRequests())
                .isEqualTo(Map.of("GetItem", 3, "BatchGetItem", 3, "TransactWriteItems", 3, "UpdateItem", 3));
    }
}
