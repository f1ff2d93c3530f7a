package com.ccs.workflows.processpayment;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PaymentPrimingTest {

    @Test
    void runsASuccessAndADeclineThroughStripesClientAndTheKeyThroughSecretsManagerInMemory() {
        PaymentPriming.Report report = PaymentPriming.prime(3);

        assertThat(report.invocations()).isEqualTo(6);
        // the key is read once and kept, as in a running function; every charge is one PaymentIntent request
        assertThat(report.requests()).isEqualTo(Map.of("GetSecretValue", 1, "POST /v1/payment_intents", 6));
    }
}
