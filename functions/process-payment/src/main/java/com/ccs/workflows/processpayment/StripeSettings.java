package com.ccs.workflows.processpayment;

import com.stripe.StripeClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the function talks to Stripe. Stripe's library defaults (30 s connect, 80 s read, retries inside the
 * call) suit a web server, not a Task of a state machine: a hung call would hold the Lambda for minutes and the
 * library's retries would stack under the state machine's own. Here a call fails fast and the state machine,
 * which owns retries (with backoff, the same idempotency key and a visible history), tries again.
 *
 * @param apiBase          Stripe's API base URL; empty means https://api.stripe.com. Set only locally
 *                         ({@code STRIPE_API_BASE}, e.g. stripe-mock at http://127.0.0.1:12111).
 * @param connectTimeout   TCP/TLS connect budget
 * @param readTimeout      budget for Stripe's answer; confirming a card payment usually takes 1-3 s. A charge
 *                         that outlives it is not lost: the retry replays it under the same idempotency key
 * @param maxNetworkRetries retries inside one invocation; 0 because the state machine retries
 */
public record StripeSettings(
        Optional<URI> apiBase, Duration connectTimeout, Duration readTimeout, int maxNetworkRetries) {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    public StripeSettings {
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("Stripe timeouts must be positive (zero would mean wait forever)");
        }
        if (maxNetworkRetries < 0) {
            throw new IllegalArgumentException("maxNetworkRetries must be >= 0");
        }
    }

    /** Production settings, with {@code STRIPE_API_BASE} honoured when set. */
    public static StripeSettings fromEnvironment(Map<String, String> env) {
        return new StripeSettings(apiBase(env.get("STRIPE_API_BASE")), CONNECT_TIMEOUT, READ_TIMEOUT, 0);
    }

    /** The given base URL with the production timeouts (tests, the local runner). */
    public static StripeSettings at(URI apiBase) {
        return new StripeSettings(Optional.of(apiBase), CONNECT_TIMEOUT, READ_TIMEOUT, 0);
    }

    /** A client for {@code apiKey} with these settings; {@link StripePaymentGateway} builds one per key, once. */
    public StripeClient newClient(String apiKey) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(apiKey)
                .setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()))
                .setReadTimeout(Math.toIntExact(readTimeout.toMillis()))
                .setMaxNetworkRetries(maxNetworkRetries);
        apiBase.ifPresent(base -> builder.setApiBase(stripTrailingSlash(base.toString())));
        return builder.build();
    }

    static Optional<URI> apiBase(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        URI uri = URI.create(value.strip());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "STRIPE_API_BASE must be an absolute URL such as http://127.0.0.1:12111, got " + value);
        }
        return Optional.of(uri);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
