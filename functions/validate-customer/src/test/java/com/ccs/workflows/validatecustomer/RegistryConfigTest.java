package com.ccs.workflows.validatecustomer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryConfigTest {

    @Test
    void readsTheBaseUrlAndDefaultsTheTimeoutTo2Seconds() {
        RegistryConfig config =
                RegistryConfig.fromEnvironment(Map.of("REGISTRY_BASE_URL", "https://registry.example.com/v1/"));

        assertThat(config.baseUrl()).isEqualTo(URI.create("https://registry.example.com/v1"));
        assertThat(config.timeout()).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void readsTheTimeout() {
        RegistryConfig config = RegistryConfig.fromEnvironment(
                Map.of("REGISTRY_BASE_URL", "http://127.0.0.1:8080", "REGISTRY_TIMEOUT_MS", " 750 "));

        assertThat(config.timeout()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void saysWhatIsMissing() {
        assertThatThrownBy(() -> RegistryConfig.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REGISTRY_BASE_URL is not set");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "registry.example.com",
                "ftp://registry.example.com",
                "https://",
                "https://registry.example.com?x=1",
                "http://bad url"
            })
    void rejectsAnUnusableBaseUrl(String url) {
        assertThatThrownBy(() -> RegistryConfig.fromEnvironment(Map.of("REGISTRY_BASE_URL", url)))
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "30001", "2s", "1.5"})
    void rejectsAnUnusableTimeout(String timeout) {
        assertThatThrownBy(() -> RegistryConfig.fromEnvironment(
                        Map.of("REGISTRY_BASE_URL", "http://127.0.0.1:8080", "REGISTRY_TIMEOUT_MS", timeout)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REGISTRY_TIMEOUT_MS");
    }
}
