package com.ccs.workflows.processpayment;

import com.ccs.workflows.shared.event.MiniJson;
import java.util.Map;

/**
 * Reads the Stripe key out of the Secrets Manager SecretString, which holds either the bare key
 * ({@code sk_test_...}) or JSON ({@code {"api_key": "sk_..."}}, the shape the console's key/value editor
 * writes). Error messages describe the shape, never the content.
 */
final class StripeSecret {

    private StripeSecret() {}

    static String apiKey(String secretString) {
        if (secretString == null || secretString.isBlank()) {
            throw new PaymentProviderCredentialsException("the Stripe secret is empty");
        }
        String value = secretString.strip();
        String key = value.startsWith("{") ? fromJson(value) : value;
        // Secret (sk_) or restricted (rk_) keys only: a publishable key (pk_) cannot create charges.
        if (!(key.startsWith("sk_") || key.startsWith("rk_")) || key.chars().anyMatch(Character::isWhitespace)) {
            throw new PaymentProviderCredentialsException(
                    "the Stripe secret does not hold a secret key (expected sk_... or rk_..., bare or as {\"api_key\": ...})");
        }
        return key;
    }

    private static String fromJson(String json) {
        Map<String, Object> root;
        try {
            root = MiniJson.parseObject(json);
        } catch (RuntimeException e) {
            // The parser's message may quote the secret: do not chain it.
            throw new PaymentProviderCredentialsException("the Stripe secret starts with '{' but is not valid JSON");
        }
        if (!(root.get("api_key") instanceof String key)) {
            throw new PaymentProviderCredentialsException(
                    "the Stripe secret is JSON without a string field \"api_key\"");
        }
        return key.strip();
    }
}
