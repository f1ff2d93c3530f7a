package com.ccs.workflows.localrunner.standins;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What the runner's stand-ins replace, declared in one place. The template's functions reach three things this
 * machine does not have: the company registry, the HTTP API's public address and Stripe. Each row says which
 * variable of a function's (resolved) environment marks a function that talks to one of them, and which variable
 * then points at the stand-in. Every other variable is the template's. The secrets the template creates get local
 * values of the shape their readers check.
 */
public final class StandInWiring {

    /** A service the runner stands in for on this machine. */
    public enum StandIn {
        COMPANY_REGISTRY,
        HTTP_API,
        STRIPE
    }

    /**
     * A function whose environment has {@code marker} gets {@code variable} set to the base URL of {@code standIn}.
     *
     * @param why what would fail on this machine without it
     */
    public record Replacement(String marker, String variable, StandIn standIn, String why) {}

    public static final List<Replacement> REPLACEMENTS = List.of(
            new Replacement(
                    "REGISTRY_BASE_URL",
                    "REGISTRY_BASE_URL",
                    StandIn.COMPANY_REGISTRY,
                    "the RegistryBaseUrl parameter names a registry this machine cannot reach"),
            new Replacement(
                    "APPROVAL_BASE_URL",
                    "APPROVAL_BASE_URL",
                    StandIn.HTTP_API,
                    "the links in the manager's messages name the API's address on AWS; here they open locally"),
            new Replacement(
                    "STRIPE_SECRET_ARN",
                    "STRIPE_API_BASE",
                    StandIn.STRIPE,
                    "a function holding the Stripe key would call api.stripe.com; here the stand-in or stripe-mock"));

    /**
     * A secret whose name contains {@code nameContains} gets {@code value} of 43 random URL-safe characters. Stripe's
     * test keys are {@code sk_test_} then letters and digits (stripe-mock refuses anything else); any other secret
     * is a signing key of 86 characters, over the 32 bytes the approval links require.
     */
    public record SecretShape(String nameContains, Function<String, String> value) {}

    public static final List<SecretShape> SECRET_SHAPES = List.of(
            new SecretShape(
                    "stripe",
                    random -> "sk_test_local" + random.replace("-", "").replace("_", "")),
            new SecretShape("", random -> random + random));

    private static final SecureRandom RANDOM = new SecureRandom();

    private StandInWiring() {}

    /** {@code environment} with the rows of {@link #REPLACEMENTS} that apply to it pointed at the stand-ins. */
    public static Map<String, String> rewire(Map<String, String> environment, Function<StandIn, URI> baseUrls) {
        Map<String, String> result = new LinkedHashMap<>(environment);
        for (Replacement row : REPLACEMENTS) {
            if (environment.containsKey(row.marker())) {
                result.put(row.variable(), baseUrls.apply(row.standIn()).toString());
            }
        }
        return result;
    }

    /** A fresh local value for the secret named {@code name}, of the first matching {@link #SECRET_SHAPES} row. */
    public static String secretValue(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        SecretShape shape = SECRET_SHAPES.stream()
                .filter(s -> lower.contains(s.nameContains()))
                .findFirst()
                .orElseThrow();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return shape.value().apply(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }
}
