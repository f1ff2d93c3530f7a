package com.ccs.workflows.processpayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StripeSecretTest {

    @Test
    void acceptsTheBareKey() {
        assertThat(StripeSecret.apiKey("sk_test_51Abc")).isEqualTo("sk_test_51Abc");
        assertThat(StripeSecret.apiKey("  sk_live_51Abc\n")).isEqualTo("sk_live_51Abc");
    }

    @Test
    void acceptsJsonWithApiKey() {
        assertThat(StripeSecret.apiKey("{\"api_key\": \"sk_test_51Json\"}")).isEqualTo("sk_test_51Json");
        assertThat(StripeSecret.apiKey("{\"webhook_secret\": \"whsec_1\", \"api_key\": \" rk_test_51Restricted \"}"))
                .isEqualTo("rk_test_51Restricted");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "pk_test_51Publishable",
                "sk_test_51 with space",
                "{\"key\": \"sk_test_51Other\"}",
                "{\"api_key\": 42}",
                "{\"api_key\": \"pk_test_51Publishable\"}"
            })
    void rejectsAnythingElse(String secretString) {
        assertThatThrownBy(() -> StripeSecret.apiKey(secretString))
                .isInstanceOf(PaymentProviderCredentialsException.class)
                .hasMessageStartingWith("the Stripe secret");
    }

    @Test
    void errorsDescribeTheShapeWithoutQuotingTheSecret() {
        assertThatThrownBy(() -> StripeSecret.apiKey("{\"api_key\": \"sk_test_51Broken"))
                .isInstanceOf(PaymentProviderCredentialsException.class)
                .hasMessage("the Stripe secret starts with '{' but is not valid JSON")
                .hasNoCause();
        assertThatThrownBy(() -> StripeSecret.apiKey("pk_test_51Publishable"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("51Publishable"));
    }

    @Test
    void aNullSecretStringIsEmpty() {
        // GetSecretValue returns no SecretString for a binary secret.
        assertThatThrownBy(() -> StripeSecret.apiKey(null)).hasMessage("the Stripe secret is empty");
    }
}
