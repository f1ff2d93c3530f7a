package com.ccs.workflows.processpayment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentPrimingTest {

    @Test
    void runsASuccessAndADeclineThroughStripesClientAndTheKeyThroughSecretsManagerInMemory() {
        PaymentPriming.Report report = PaymentPriming.prime(3);

        assertThat(report.invocations()).isEqualTo(6);
        // the key is read once and kept, as in a running function; every charge is one PaymentIntent request
        // per charge: the customer found by search, its default card, its charges since the execution, the charge
        assertThat(report.requests())
                .isEqualTo(Map.of(
                        "GetSecretValue",
                        1,
                        "GET /v1/customers/search",
                        6,
                        "GET /v1/customers/{customer}",
                        6,
                        "GET /v1/payment_intents",
                        6,
                        "POST /v1/payment_intents",
                        6));
    }
}
