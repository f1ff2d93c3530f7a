package com.ccs.workflows.processpayment;

import static com.ccs.workflows.processpayment.FakeStripeServer.cardDeclined;
import static com.ccs.workflows.processpayment.FakeStripeServer.customer;
import static com.ccs.workflows.processpayment.FakeStripeServer.customersFound;
import static com.ccs.workflows.processpayment.FakeStripeServer.list;
import static com.ccs.workflows.processpayment.FakeStripeServer.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.testing.Emulators;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.TestLambdaContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

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
        secretArn = secrets.createSecret(b ->
                        b.name("ccs-it-handler-stripe-" + UUID.randomUUID()).secretString(KEY))
                .arn();
        stripe = new FakeStripeServer();
        env.put("STRIPE_SECRET_ARN", secretArn);
        env.put("STRIPE_API_BASE", stripe.baseUri().toString());
        env.put("PAYMENT_SCOPE", "it-scope");
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
    void chargesTheSuccessSampleFindingTheCustomersCardWithTheKeyFromSecretsManager() throws Exception {
        stripe.answer(
                customersFound("cus_Found1"),
                customer("cus_Found1", "pm_1Saved"),
                list(false),
                succeeded("pi_3HandlerIT", 85_000_000L));

        Map<String, Object> output = handler.handle(SampleEvents.load("process-payment", "success.json"), context);

        assertThat(output)
                .containsEntry("status", "success")
                .containsEntry("transaction_id", "pi_3HandlerIT")
                .containsEntry("amount_minor", 85_000_000L)
                .containsEntry("stripe_customer_id", "cus_Found1");
        assertThat(stripe.requests())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly(
                        "GET /v1/customers/search",
                        "GET /v1/customers/cus_Found1",
                        "GET /v1/payment_intents",
                        "POST /v1/payment_intents");
        assertThat(stripe.requests())
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY));
        assertThat(stripe.requests().getFirst().form())
                .containsEntry("query", "metadata['ccs_customer_id']:'CUST-98765'");
        assertThat(stripe.requests().get(2).form())
                .containsEntry("customer", "cus_Found1")
                .containsEntry(
                        "created[gte]",
                        Long.toString(Instant.parse("2026-03-02T14:50:00Z").getEpochSecond()));
        FakeStripeServer.Recorded create = stripe.requests().getLast();
        assertThat(create.header("Idempotency-Key")).isEqualTo("ccs-it-scope-CONT-2026-000042-pay-1of1");
        assertThat(create.form())
                .containsEntry("amount", "85000000")
                .containsEntry("payment_method", "pm_1Saved")
                .containsEntry("customer", "cus_Found1");
    }

    @Test
    void reportsTheDeclinedSampleAsFailedData() throws Exception {
        stripe.answer(list(false), cardDeclined("insufficient_funds", "Your card has insufficient funds."));

        Map<String, Object> output = handler.handle(SampleEvents.load("process-payment", "declined.json"), context);

        assertThat(output)
                .containsExactly(
                        Map.entry("status", "failed"),
                        Map.entry("reason", "card_declined"),
                        Map.entry("decline_code", "insufficient_funds"),
                        Map.entry("message", "Your card has insufficient funds."),
                        Map.entry("refunded", 0),
                        Map.entry("refunded_transaction_ids", List.of()));
        assertThat(stripe.requests().getLast().form())
                .containsEntry("amount", "95000000")
                .containsEntry("payment_method", "pm_card_visa_chargeDeclinedInsufficientFunds");
    }

    @Test
    void aCustomerUnknownToStripeIsAFailedPaymentWithNothingCharged() throws Exception {
        stripe.answer(customersFound());

        Map<String, Object> output = handler.handle(SampleEvents.load("process-payment", "success.json"), context);

        assertThat(output).containsEntry("status", "failed").containsEntry("reason", "no_stripe_customer");
        assertThat(stripe.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.method()).isEqualTo("GET"));
    }
}
