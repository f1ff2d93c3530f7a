package com.ccs.workflows.processpayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StripeSettingsTest {

    @Test
    void productionFailsFastAndLeavesRetriesToTheStateMachine() {
        StripeSettings settings = StripeSettings.fromEnvironment(Map.of());

        assertThat(settings.apiBase()).isEmpty();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxNetworkRetries()).isZero();
    }

    @Test
    void stripeApiBasePointsTheClientAtStripeMock() {
        assertThat(StripeSettings.fromEnvironment(Map.of("STRIPE_API_BASE", " http://127.0.0.1:12111 "))
                        .apiBase())
                .contains(URI.create("http://127.0.0.1:12111"));
        assertThat(StripeSettings.fromEnvironment(Map.of("STRIPE_API_BASE", "")).apiBase())
                .isEmpty();
    }

    @Test
    void aRelativeApiBaseIsAConfigurationError() {
        assertThatThrownBy(() -> StripeSettings.fromEnvironment(Map.of("STRIPE_API_BASE", "localhost:12111")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STRIPE_API_BASE");
    }

    @Test
    void zeroTimeoutsWhichMeanWaitForeverAreRejected() {
        assertThatThrownBy(() -> new StripeSettings(Optional.empty(), Duration.ZERO, Duration.ofSeconds(5), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StripeSettings(Optional.empty(), Duration.ofSeconds(2), Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
