package com.ccs.workflows.processpayment;

import com.ccs.workflows.shared.priming.InMemorySdkHttpClient;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Answer;
import com.ccs.workflows.shared.priming.Priming;
import com.stripe.StripeClient;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpHeaders;
import com.stripe.net.LiveStripeResponseGetter;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SnapStart priming: before the snapshot, runs the request path of a charge that succeeds and of one the card
 * declines (event parsing, the Stripe key read through {@link SecretsManagerStripeKeys}, the customer found by
 * search, its default card, its earlier charges listed, the PaymentIntent created by Stripe's own client and its
 * answer read, the outcome and output mapping), through the real {@link PaymentService} and
 * {@link StripePaymentGateway}. Secrets Manager and Stripe answer in memory: nothing leaves the process, no charge
 * is made, no metric is emitted, and the function's own clients (and their cached key) are not touched.
 */
final class PaymentPriming {
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:ccs-priming/stripe";

    /** What priming exercised: invocations, and requests by operation (AWS) or method and path (Stripe). */
    record Report(int invocations, Map<String, Integer> requests) {}

    private PaymentPriming() {}

    /** Registers priming with the snapshot; called by the handler Lambda constructs. */
    static void register() {
        Priming.register("process-payment", PaymentPriming::prime);
    }

    static Report prime(int rounds) {
        InMemoryStripe stripe = new InMemoryStripe();
        // Secrets Manager in memory: the secret holds a test key as JSON.
        InMemorySdkHttpClient aws = new InMemorySdkHttpClient(call -> switch (call.operation()) {
            case "GetSecretValue" -> Answer.secretValue("{\"api_key\":\"sk_test_priming\"}");
            default -> throw new IllegalStateException("priming does not expect " + call.operation());
        });
        SecretsManagerStripeKeys keys = new SecretsManagerStripeKeys(aws.secrets(), SECRET_ARN);
        PaymentService service = new PaymentService(
                new StripePaymentGateway(key -> new StripeClient(new LiveStripeResponseGetter(stripe)), keys),
                "priming");
        int invocations = 0;
        for (int round = 0; round < rounds; round++) {
            for (boolean declined : new boolean[] {false, true}) {
                stripe.declineNext = declined;
                Map<String, Object> output = ProcessPaymentHandler.toOutput(
                        service.handle(PaymentRequest.fromEvent(event(round)), Deadline.none()));
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

    /** An event as the business state machine sends it, with the value types Lambda's deserialiser produces. */
    private static Map<String, Object> event(int round) {
        return Map.of(
                "execution_id",
                "priming",
                "execution_started_at",
                "2026-03-01T10:15:30Z",
                "contract_id",
                "CONT-2026-" + String.format("%06d", round + 1),
                "customer_id",
                "CUST-PRIMING",
                "amount",
                850000,
                "currency",
                "COP",
                "payment_method",
                "credit_card");
    }

    /** Stripe in memory: one customer with a default card, no earlier charge, a charge that succeeds or is declined. */
    private static final class InMemoryStripe extends HttpClient {
        private final Map<String, Integer> requests = new TreeMap<>();
        private boolean declineNext;

        @Override
        public StripeResponse request(StripeRequest request) {
            String path = request.url().getPath();
            requests.merge(request.method() + " " + path.replaceFirst("/cus_\\w+", "/{customer}"), 1, Integer::sum);
            HttpHeaders headers = HttpHeaders.of(Map.of("Request-Id", List.of("req_priming")));
            if (path.equals("/v1/customers/search")) {
                return new StripeResponse(
                        200,
                        headers,
                        "{\"object\":\"search_result\",\"data\":[{\"id\":\"cus_Priming\","
                                + "\"object\":\"customer\",\"metadata\":{\"ccs_customer_id\":\"CUST-PRIMING\"}}],\"has_more\":false}");
            }
            if (path.startsWith("/v1/customers/")) {
                return new StripeResponse(
                        200,
                        headers,
                        "{\"id\":\"cus_Priming\",\"object\":\"customer\","
                                + "\"invoice_settings\":{\"default_payment_method\":\"pm_card_visa\"},\"default_source\":null}");
            }
            if (request.method().name().equals("GET")) {
                return new StripeResponse(200, headers, "{\"object\":\"list\",\"data\":[],\"has_more\":false}");
            }
            if (declineNext) {
                return new StripeResponse(
                        402,
                        headers,
                        "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\","
                                + "\"decline_code\":\"insufficient_funds\",\"message\":\"Your card has insufficient funds.\"}}");
            }
            return new StripeResponse(
                    200,
                    headers,
                    "{\"id\":\"pi_priming\",\"object\":\"payment_intent\",\"amount\":85000000,"
                            + "\"currency\":\"cop\",\"status\":\"succeeded\",\"created\":1772360130,\"livemode\":false,\"metadata\":{}}");
        }
    }
}
