package com.ccs.workflows.processpayment;

import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.testing.Emulators;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.TestLambdaContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static com.ccs.workflows.processpayment.FakeStripeServer.cardDeclined;
import static com.ccs.workflows.processpayment.FakeStripeServer.error;
import static com.ccs.workflows.processpayment.FakeStripeServer.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler as Lambda builds it (no-argument path: configuration from the environment), with the key in a
 * real Secrets Manager (MiniStack) and Stripe answered by a local HTTP server, fed the sample events.
 */
class ProcessPaymentHandlerIT {
    private static final String KEY = "sk_test_handlerIT";

    private SecretsManagerClient secrets;
    private String secretArn;
    private FakeStripeServer stripe;
    private ProcessPaymentHandler handler;
    private final TestLambdaContext context = new TestLambdaContext("ccs-dev-process-payment");

    @BeforeEach
    void start() throws Exception {
        Map<String, String> env = new HashMap<>(Emulators.awsEnvironment());
        secrets = AwsClients.build(SecretsManagerClient.builder(), env);
        secretArn = secrets.createSecret(b -> b.name("ccs-it-handler-stripe-" + UUID.randomUUID()).secretString(KEY)).arn();
        stripe = new FakeStripeServer();
        env.put("STRIPE_SECRET_ARN", secretArn);
        env.put("STRIPE_API_BASE", stripe.baseUri().toString());
        handler = new ProcessPaymentHandler(env);
    }

    @AfterEach
    void stop() {
        if (stripe != null) {
            stripe.close();
        }
        if (secrets != null) {
            if (secretArn != null) {
                secrets.deleteSecret(b -> b.secretId(secretArn).forceDeleteWithoutRecovery(true));
            }
            secrets.close();
        }
    }

    @Test
    void chargesTheSuccessSampleWithTheKeyFromSecretsManager() throws Exception {
        stripe.answer(succeeded("pi_3HandlerIT", 85_000_000L));

        Map<String, Object> output = handler.handle(SampleEvents.load("process-payment", "success.json"), context);

        assertThat(output).containsExactly(Map.entry("status", "success"), Map.entry("transaction_id", "pi_3HandlerIT"),
                Map.entry("amount_minor", 85_000_000L), Map.entry("currency", "cop"));
        FakeStripeServer.Recorded request = stripe.requests().getFirst();
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("Idempotency-Key")).isEqualTo("ccs-payment-CONT-2026-000042");
        assertThat(request.form()).containsEntry("amount", "85000000").containsEntry("payment_method", "pm_card_visa");
    }

    @Test
    void reportsTheDeclinedSampleAsFailedData() throws Exception {
        stripe.answer(cardDeclined("insufficient_funds", "Your card has insufficient funds."));

        Map<String, Object> output = handler.handle(SampleEvents.load("process-payment", "declined.json"), context);

        assertThat(output).containsExactly(Map.entry("status", "failed"), Map.entry("decline_code", "insufficient_funds"),
                Map.entry("message", "Your card has insufficient funds."));
        assertThat(stripe.requests().getFirst().form())
                .containsEntry("amount", "95000000")
                .containsEntry("payment_method", "pm_card_visa_chargeDeclinedInsufficientFunds");
    }

    @Test
    void aContractAboveStripesEightDigitsIsAFailedPaymentNotAnError() throws Exception {
        stripe.answer(error(400, "invalid_request_error", "amount_too_large", "Amount must be no more than 99,999,999"));

        Map<String, Object> output = handler.handle(SampleEvents.load("process-payment", "amount-too-large.json"), context);

        assertThat(output).containsExactly(Map.entry("status", "failed"), Map.entry("decline_code", "amount_too_large"),
                Map.entry("message", "Amount must be no more than 99,999,999"));
        assertThat(stripe.requests()).singleElement()
                .satisfies(r -> assertThat(r.form()).containsEntry("amount", "1500000000"));
    }
}
