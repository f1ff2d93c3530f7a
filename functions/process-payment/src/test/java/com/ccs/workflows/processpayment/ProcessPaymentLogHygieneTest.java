package com.ccs.workflows.processpayment;

import com.ccs.workflows.shared.aws.SecretsManagerSecrets;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient;
import com.ccs.workflows.testing.HostileEvents;
import com.ccs.workflows.testing.LogHygiene;
import com.ccs.workflows.testing.LogScan;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.TestLambdaContext;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What process-payment logs, for every sample event, for hostile events (a card number or a phone number where an
 * id belongs among them) and for every way a charge fails, holds no Stripe key, no card number and no phone number
 * (see {@link LogScan}). The key is read through {@link SecretsManagerStripeKeys}, and the Stripe errors carry it
 * the way Stripe's own messages can (a rejected key is quoted back), so the scan proves the function drops them.
 */
class ProcessPaymentLogHygieneTest {
    private static final String MODULE = "process-payment";
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:ccs-test-stripe-AbCdEf";
    /** Assembled, so that no complete key-shaped literal sits in the sources. */
    private static final String KEY = "sk_" + "test_" + "51LogHygieneQx7Kc2mJ9aB4dEf";

    private static final Set<String> FOCUS =
            Set.of("payment_method_id", "stripe_customer_id", "customer_id", "contract_id", "execution_id");

    /** Secrets Manager answering with {@code secretString}, as the function's secret holds it. */
    private static SecretsManagerSecrets secretHolding(String secretString) {
        return new InMemorySdkHttpClient(call -> InMemorySdkHttpClient.Answer.secretValue(secretString)).secrets();
    }

    /** A Stripe failure as the gateway turns it into the function's exception. */
    private static PaymentGateway failing(StripeException stripe) {
        return new InMemoryStripeAccount() {
            @Override
            public CustomerLookup findCustomer(String customerId) {
                throw StripeErrors.translate(stripe);
            }

            @Override
            public PaymentOutcome charge(ChargeCommand command) {
                throw StripeErrors.translate(stripe);
            }
        };
    }

    private static PaymentGateway declining() {
        InMemoryStripeAccount account = InMemoryStripeAccount.everyoneWithACard();
        account.declineAfter(0, "insufficient_funds");
        return account;
    }

    private static void invoke(LogHygiene hygiene, String label, Object event, PaymentGateway gateway) {
        ProcessPaymentHandler handler = new ProcessPaymentHandler(new PaymentService(gateway, "stack-1"));
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) event;
        hygiene.invoke(label, event, () -> handler.handle(request, new TestLambdaContext("ccs-test-" + MODULE)));
    }

    @Test
    void samplesHostileEventsAndFailedChargesLogNoKeyCardOrPhoneNumber() throws IOException {
        Map<String, Object> success = SampleEvents.load(MODULE, "success.json");
        List<PaymentGateway> gateways = List.of(
                InMemoryStripeAccount.everyoneWithACard(),
                declining(),
                // The real gateway, its key read from Secrets Manager, against a port nobody listens on.
                new StripePaymentGateway(
                        StripeSettings.at(URI.create("http://127.0.0.1:" + closedPort())),
                        new SecretsManagerStripeKeys(secretHolding("{\"api_key\":\"" + KEY + "\"}"), ARN)),
                // A secret of the wrong shape: the error describes it without quoting it.
                new StripePaymentGateway(
                        StripeSettings.at(URI.create("http://127.0.0.1:" + closedPort())),
                        new SecretsManagerStripeKeys(secretHolding("{\"apikey\":\"" + KEY + "\"}"), ARN)),
                failing(new AuthenticationException(
                        "Invalid API Key provided: " + KEY, "req_auth", "api_key_invalid", 401)),
                failing(new PermissionException(
                        "The provided key '" + KEY + "' does not have access to this account",
                        "req_perm",
                        "secret_key_required",
                        403)),
                failing(new RateLimitException("Too many requests", null, "req_rate", "rate_limit", 429, null)),
                failing(new ApiException("An unknown error occurred", "req_api", null, 500, null)),
                failing(new InvalidRequestException(
                        "No such PaymentMethod: 'pm_card_visa'",
                        "payment_method",
                        "req_inv",
                        "resource_missing",
                        400,
                        null)));
        try (LogHygiene hygiene = new LogHygiene(MODULE, LogScan.create().secret("Stripe key", KEY))) {
            for (String name : LogHygiene.samples(MODULE)) {
                Map<String, Object> sample = SampleEvents.load(MODULE, name);
                for (int g = 0; g < gateways.size(); g++) {
                    invoke(hygiene, name + " with gateway #" + g, sample, gateways.get(g));
                }
            }
            for (Map.Entry<String, String> planted : Map.of(
                            "payment_method_id",
                            "4242424242424242",
                            "stripe_customer_id",
                            "4000 0566 5566 5556",
                            "customer_id",
                            "+573001234567")
                    .entrySet()) {
                Map<String, Object> event = HostileEvents.copy(success);
                event.put(planted.getKey(), planted.getValue());
                invoke(
                        hygiene,
                        planted.getKey() + " holding a card or phone number",
                        event,
                        InMemoryStripeAccount.everyoneWithACard());
            }
            HostileEvents events = HostileEvents.seeded();
            for (HostileEvents.Case c : LogHygiene.pick(events.cases(success, 100), 400, FOCUS)) {
                invoke(hygiene, c.toString(), c.event(), InMemoryStripeAccount.everyoneWithACard());
            }
            hygiene.report();
        }
    }

    /** A local port that was free a moment ago: connecting is refused at once, as when Stripe cannot be reached. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
