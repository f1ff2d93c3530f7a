package com.ccs.workflows.processpayment;

import com.ccs.workflows.shared.priming.InMemorySdkHttpClient;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Answer;
import com.ccs.workflows.shared.priming.Priming;
import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpHeaders;
import com.stripe.net.LiveStripeResponseGetter;
import com.stripe.net.RawRequestOptions;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SnapStart priming: before the snapshot, runs the request path of a charge that succeeds and of one the card
 * declines (event parsing, the charge command, the Stripe key read through {@link SecretsManagerStripeKeys}, the
 * PaymentIntent request built and sent by Stripe's own client and its answer read, the outcome and output mapping). Secrets
 * Manager and Stripe answer in memory: nothing leaves the process, no charge is made, no metric is emitted, and
 * the function's own clients (and their cached key) are not touched.
 */
final class PaymentPriming {
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:ccs-priming/stripe";

    /** What priming exercised: invocations, and requests by operation (AWS) or method and path (Stripe). */
    record Report(int invocations, Map<String, Integer> requests) {
    }

    private PaymentPriming() {
    }

    /** Registers priming with the snapshot; called by the handler Lambda constructs. */
    static void register() {
        Priming.register("process-payment", PaymentPriming::prime);
    }

    static Report prime(int rounds) {
        InMemoryStripe stripe = new InMemoryStripe();
        StripeClient client = new StripeClient(new LiveStripeResponseGetter(stripe));
        // Secrets Manager in memory: the secret holds a test key as JSON.
        InMemorySdkHttpClient aws = new InMemorySdkHttpClient(call -> switch (call.operation()) {
            case "GetSecretValue" -> Answer.secretValue("{\"api_key\":\"sk_test_priming\"}");
            default -> throw new IllegalStateException("priming does not expect " + call.operation());
        });
        int invocations = 0;
        SecretsManagerStripeKeys keys = new SecretsManagerStripeKeys(aws.secrets(), SECRET_ARN);
        for (int round = 0; round < rounds; round++) {
            for (boolean declined : new boolean[]{false, true}) {
                stripe.declineNext = declined;
                ChargeCommand command = ChargeCommand.forContract(PaymentRequest.fromEvent(event(round)));
                Map<String, Object> output = ProcessPaymentHandler.toOutput(charge(client, keys.current(), command));
                if (!(declined ? "failed" : "success").equals(output.get("status"))) {
                    throw new IllegalStateException("priming produced an unexpected result: " + output);
                }
                invocations++;
            }
        }
        Map<String, Integer> requests = new TreeMap<>(aws.requests());
        requests.putAll(stripe.requests);
        return new Report(invocations, Map.copyOf(requests));
    }

    /** What {@link StripePaymentGateway} does with Stripe's client for one charge, on the in-memory Stripe. */
    private static PaymentOutcome charge(StripeClient client, String apiKey, ChargeCommand command) {
        RawRequestOptions options = RawRequestOptions.builder().setApiKey(apiKey).setIdempotencyKey(command.idempotencyKey()).build();
        try {
            return StripePaymentGateway.outcome(StripePaymentGateway.create(client, command, options), command);
        } catch (CardException declined) {
            return StripeErrors.declined(declined);
        } catch (StripeException e) {
            throw new IllegalStateException("priming: the in-memory Stripe answer was not understood", e);
        }
    }

    /** An event as the business state machine sends it, with the value types Lambda's deserialiser produces. */
    private static Map<String, Object> event(int round) {
        return Map.of("execution_id", "priming", "contract_id", "CONT-2026-" + String.format("%06d", round + 1),
                "customer_id", "CUST-PRIMING", "amount", 850000, "currency", "COP", "payment_method", "credit_card",
                "stripe_customer_id", "cus_Priming", "payment_method_id", "pm_card_visa");
    }

    /** Stripe in memory: the PaymentIntent succeeds, or the card is declined (HTTP 402). */
    private static final class InMemoryStripe extends HttpClient {
        private final Map<String, Integer> requests = new TreeMap<>();
        private boolean declineNext;

        @Override
        public StripeResponse request(StripeRequest request) {
            requests.merge(request.method() + " " + request.url().getPath(), 1, Integer::sum);
            HttpHeaders headers = HttpHeaders.of(Map.of("Request-Id", List.of("req_priming")));
            if (declineNext) {
                return new StripeResponse(402, headers, "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\","
                        + "\"decline_code\":\"insufficient_funds\",\"message\":\"Your card has insufficient funds.\"}}");
            }
            return new StripeResponse(200, headers, "{\"id\":\"pi_priming\",\"object\":\"payment_intent\",\"amount\":85000000,"
                    + "\"currency\":\"cop\",\"status\":\"succeeded\",\"livemode\":false,\"metadata\":{}}");
        }
    }
}
