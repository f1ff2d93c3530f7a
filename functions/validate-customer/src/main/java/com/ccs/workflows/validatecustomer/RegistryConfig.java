package com.ccs.workflows.validatecustomer;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where the company registry is and how long to wait for it. {@code timeout} bounds connecting and the whole
 * exchange; keep it well under the function's own timeout so a slow registry ends in a retryable error rather
 * than a killed invocation.
 */
public record RegistryConfig(URI baseUrl, Duration timeout) {
    public static final String BASE_URL_ENV = "REGISTRY_BASE_URL";
    public static final String TIMEOUT_ENV = "REGISTRY_TIMEOUT_MS";
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(2000);
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

    public RegistryConfig {
        String scheme = baseUrl.getScheme();
        if (scheme == null
                || !(scheme.equals("http") || scheme.equals("https"))
                || baseUrl.getHost() == null
                || baseUrl.getRawQuery() != null
                || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    BASE_URL_ENV + " must be an http(s) URL with a host and no query, got " + baseUrl);
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(
                    TIMEOUT_ENV + " must be between 1 and " + MAX_TIMEOUT.toMillis() + " ms");
        }
        String raw = baseUrl.toString();
        baseUrl = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
    }

    /** Reads {@code REGISTRY_BASE_URL} (required) and {@code REGISTRY_TIMEOUT_MS} (default 2000). */
    public static RegistryConfig fromEnvironment(Map<String, String> env) {
        String base = env.get(BASE_URL_ENV);
        if (base == null || base.isBlank()) {
            throw new IllegalStateException(BASE_URL_ENV
                    + " is not set: the URL of the company registry, e.g. https://registry.example.com/v1");
        }
        String timeoutText = env.get(TIMEOUT_ENV);
        Duration timeout = DEFAULT_TIMEOUT;
        if (timeoutText != null && !timeoutText.isBlank()) {
            try {
                timeout = Duration.ofMillis(Long.parseLong(timeoutText.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalStateException(
                        TIMEOUT_ENV + " must be a whole number of milliseconds, got \"" + timeoutText + "\"");
            }
        }
        try {
            return new RegistryConfig(URI.create(base.strip()), timeout);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
