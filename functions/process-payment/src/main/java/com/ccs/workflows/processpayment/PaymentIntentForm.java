package com.ccs.workflows.processpayment;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of {@code POST /v1/payment_intents} for one charge, form-encoded as Stripe's v1 API takes it (nested
 * fields as {@code parent[child]}): create and confirm at once, off-session, automatic payment methods without
 * redirects (off-session there is nobody to redirect; without this, {@code confirm=true} would also demand a
 * {@code return_url}).
 */
final class PaymentIntentForm {
    private PaymentIntentForm() {}

    static String of(ChargeCommand command) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("amount", Long.toString(command.amountMinor()));
        fields.put("currency", command.currency());
        fields.put("customer", command.stripeCustomerId());
        fields.put("payment_method", command.paymentMethodId());
        fields.put("confirm", "true");
        fields.put("off_session", "true");
        fields.put("automatic_payment_methods[enabled]", "true");
        fields.put("automatic_payment_methods[allow_redirects]", "never");
        fields.put("description", command.description());
        new TreeMap<>(command.metadata()).forEach((key, value) -> fields.put("metadata[" + key + "]", value));
        StringBuilder body = new StringBuilder();
        fields.forEach((key, value) -> {
            if (value != null) {
                body.append(body.isEmpty() ? "" : "&")
                        .append(encode(key))
                        .append('=')
                        .append(encode(value));
            }
        });
        return body.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
