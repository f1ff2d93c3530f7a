package com.ccs.workflows.processpayment;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.event.MiniJson;
import java.util.Map;

/**
 * The fields of Stripe's PaymentIntent this function acts on (creation time in epoch seconds, 0 when absent), read from the JSON answer by {@link MiniJson}.
 * Binding the answer to stripe-java's {@code PaymentIntent} instead would load some 800 model and Gson classes on a
 * cold start (a third of the function's own, docs/performance.md) for six fields.
 */
record StripeIntent(String id, String status, Long amount, String currency, long created, LastError lastError) {

    /** {@code last_payment_error}: why the last attempt failed, when it did. */
    record LastError(String code, String declineCode, String message) {}

    /** Reads an answer of {@code POST /v1/payment_intents} or {@code GET /v1/payment_intents/{id}}. */
    static StripeIntent parse(String json) {
        Map<String, Object> intent;
        try {
            intent = MiniJson.parseObject(json == null ? "" : json);
        } catch (IllegalArgumentException e) {
            throw unreadable("it is not a JSON object (" + e.getMessage() + ")");
        }
        if (!"payment_intent".equals(intent.get("object"))
                || !(intent.get("id") instanceof String id)
                || id.isBlank()) {
            throw unreadable("it is not a PaymentIntent with an id");
        }
        Object error = intent.get("last_payment_error");
        LastError lastError = error instanceof Map<?, ?> map
                ? new LastError(text(map.get("code")), text(map.get("decline_code")), text(map.get("message")))
                : null;
        return new StripeIntent(
                id,
                text(intent.get("status")),
                intent.get("amount") instanceof Long amount ? amount : null,
                text(intent.get("currency")),
                intent.get("created") instanceof Long created ? created : 0,
                lastError);
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    // A charge is created with an idempotency key: asking again replays the same answer, never a second charge.
    private static DependencyUnavailableException unreadable(String why) {
        return new DependencyUnavailableException(
                StripeErrors.DEPENDENCY, "Stripe's answer could not be read: " + why, null);
    }
}
