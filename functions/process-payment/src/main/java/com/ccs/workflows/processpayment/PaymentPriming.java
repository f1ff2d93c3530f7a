package com.ccs.workflows.processpayment;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpHeaders;
import com.stripe.net.LiveStripeResponseGetter;
import com.stripe.net.RequestOptions;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SnapStart priming: before the snapshot, runs the request path of a charge that succeeds and of one the card
 * declines (event parsing, the charge command, the Stripe key read through {@link SecretsManagerStripeKeys}, the
 * PaymentIntent request built, sent and parsed by Stripe's own client, the outcome and output mapping). Secrets
 * Manager and Stripe answer in memory: nothing leaves the process, no charge is made, no metric is emitted, and
 * the function's own clients (and their cached key) are not touched.
 */
final class PaymentPriming implements Resource {
    static final int ROUNDS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(PaymentPriming.class);
    // CRaC holds registered resources weakly: this field keeps the one registered alive.
    private static final PaymentPriming INSTANCE = new PaymentPriming();
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:ccs-priming/stripe";

    /** What priming exercised: invocations, and requests by operation (AWS) or method and path (Stripe). */
    record Report(int invocations, Map<String, Integer> requests) {
    }

    private PaymentPriming() {
    }

    /** Registers priming with the snapshot; called by the handler Lambda constructs. */
    static void register() {
        Core.getGlobalContext().register(INSTANCE);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            Report report = prime(ROUNDS);
            LOG.info("Request path primed: {} charges in memory, requests {}", report.invocations(), report.requests());
        } catch (RuntimeException e) {
            // Priming only saves latency after a restore; it never blocks the snapshot.
            LOG.warn("Priming failed; the first invocations after restore will load classes on demand", e);
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: priming keeps no client, key or connection.
    }

    static Report prime(int rounds) {
        Map<String, Integer> requests = new TreeMap<>();
        InMemoryStripe stripe = new InMemoryStripe(requests);
        StripeClient client = new StripeClient(new LiveStripeResponseGetter(stripe));
        int invocations = 0;
        try (SecretsManagerClient secrets = SecretsManagerClient.builder().httpClient(new InMemorySecretsManager(requests))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .region(Region.US_EAST_1).endpointOverride(URI.create("http://priming.invalid")).build()) {
            SecretsManagerStripeKeys keys = new SecretsManagerStripeKeys(secrets, SECRET_ARN);
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
        }
        return new Report(invocations, Map.copyOf(requests));
    }

    /** What {@link StripePaymentGateway} does with Stripe's client for one charge, on the in-memory Stripe. */
    private static PaymentOutcome charge(StripeClient client, String apiKey, ChargeCommand command) {
        RequestOptions options = RequestOptions.builder().setApiKey(apiKey).setIdempotencyKey(command.idempotencyKey()).build();
        try {
            PaymentIntent created = client.v1().paymentIntents().create(StripePaymentGateway.params(command), options);
            return StripePaymentGateway.outcome(created, command);
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
        private final Map<String, Integer> requests;
        private boolean declineNext;

        InMemoryStripe(Map<String, Integer> requests) {
            this.requests = requests;
        }

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

    /** Secrets Manager in memory: the secret holds a test key as JSON. */
    private static final class InMemorySecretsManager implements SdkHttpClient {
        private final Map<String, Integer> requests;

        InMemorySecretsManager(Map<String, Integer> requests) {
            this.requests = requests;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    if (request.contentStreamProvider().isPresent()) {
                        try (InputStream body = request.contentStreamProvider().get().newStream()) {
                            body.readAllBytes(); // produced, as a real client would send it
                        }
                    }
                    String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
                    String operation = target.substring(target.indexOf('.') + 1);
                    requests.merge(operation, 1, Integer::sum);
                    if (!operation.equals("GetSecretValue")) {
                        throw new IllegalStateException("priming does not expect " + operation);
                    }
                    byte[] bytes = ("{\"ARN\":\"" + SECRET_ARN + "\",\"Name\":\"ccs-priming/stripe\","
                            + "\"SecretString\":\"{\\\"api_key\\\":\\\"sk_test_priming\\\"}\",\"VersionId\":\"priming\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                                    .putHeader("Content-Length", Integer.toString(bytes.length))
                                    .putHeader("x-amzn-RequestId", "priming").build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
