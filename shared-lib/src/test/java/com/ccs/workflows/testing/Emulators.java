package com.ccs.workflows.testing;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Endpoints of the real counterparts that integration tests ({@code *IT}) talk to: an AWS emulator (MiniStack
 * or moto server), stripe-mock. {@code scripts/test.sh} starts them and exports their URLs; run on their own,
 * the ITs skip with a message saying how to start them. With {@code CCS_REQUIRE_EMULATORS=true} (set by the
 * test script, hence in CI) a missing endpoint fails the test instead, so nothing is skipped silently.
 */
public final class Emulators {
    public static final String AWS_ENDPOINT = "CCS_TEST_AWS_ENDPOINT";
    public static final String STRIPE_ENDPOINT = "CCS_TEST_STRIPE_ENDPOINT";

    private Emulators() {}

    /** The AWS emulator's base URL (e.g. http://127.0.0.1:4566). */
    public static URI aws() {
        return require(AWS_ENDPOINT, "an AWS emulator (MiniStack or moto server)");
    }

    /** stripe-mock's HTTP base URL (e.g. http://127.0.0.1:12111). */
    public static URI stripe() {
        return require(STRIPE_ENDPOINT, "stripe-mock");
    }

    /** The environment a function sees when pointed at the AWS emulator, with dummy credentials. */
    public static Map<String, String> awsEnvironment() {
        return Map.of("AWS_ENDPOINT_URL", aws().toString(), "AWS_REGION", "us-east-1");
    }

    private static URI require(String variable, String what) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            String message =
                    variable + " is not set: start " + what + " with `bash scripts/test.sh` (which runs every test"
                            + " against real counterparts) or export " + variable + " yourself";
            if (Boolean.parseBoolean(System.getenv("CCS_REQUIRE_EMULATORS"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        return URI.create(value.strip());
    }
}
