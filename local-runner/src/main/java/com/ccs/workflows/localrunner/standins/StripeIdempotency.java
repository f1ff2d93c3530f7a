package com.ccs.workflows.localrunner.standins;

import com.sun.net.httpserver.HttpExchange;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Stripe's idempotent requests: a POST with an {@code Idempotency-Key} runs once, and the same key replays its first
 * answer; the same key with other parameters or on another endpoint is refused.
 */
final class StripeIdempotency {
    /** The first answer to an idempotency key, and what it was asked. */
    private record Replay(String endpoint, String fingerprint, StripeAnswer answer) {}

    private final Map<String, Replay> replays = new ConcurrentHashMap<>();

    /** Forgets every key, as Stripe does after 24 hours. */
    void forget() {
        replays.clear();
    }

    /** Runs a POST once per idempotency key: the same key and parameters replay the first answer. */
    StripeAnswer run(
            HttpExchange exchange,
            String endpoint,
            Map<String, String> params,
            Function<Map<String, String>, StripeAnswer> action) {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null) {
            return action.apply(params);
        }
        String fingerprint = new TreeMap<>(params).toString();
        AtomicBoolean fresh = new AtomicBoolean();
        Replay first = replays.computeIfAbsent(key, k -> {
            fresh.set(true);
            StripeAnswer answer;
            try {
                answer = action.apply(params);
            } catch (StripeRefusal refused) {
                answer = refused.answer();
            }
            return new Replay(endpoint, fingerprint, answer);
        });
        if (!first.endpoint().equals(endpoint)) {
            throw new StripeRefusal(
                    400,
                    "idempotency_error",
                    null,
                    "Keys for idempotent requests can only be used for the same"
                            + " endpoint they were first used for ('" + first.endpoint() + "' vs '" + endpoint
                            + "'). Try using a key"
                            + " other than '" + key + "' if you meant to execute a different request.");
        }
        if (!first.fingerprint().equals(fingerprint)) {
            throw new StripeRefusal(
                    400,
                    "idempotency_error",
                    null,
                    "Keys for idempotent requests can only be used with the"
                            + " same parameters they were first used with. Try using a key other than '" + key
                            + "' if you meant to"
                            + " execute a different request.");
        }
        exchange.getResponseHeaders().add("Idempotency-Key", key);
        if (!fresh.get()) {
            exchange.getResponseHeaders().add("Idempotent-Replayed", "true");
        }
        return first.answer();
    }
}
