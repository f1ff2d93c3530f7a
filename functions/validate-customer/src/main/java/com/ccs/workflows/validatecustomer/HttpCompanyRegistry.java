package com.ccs.workflows.validatecustomer;

import com.ccs.workflows.contract.Nit;
import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.event.MiniJson;
import com.ccs.workflows.shared.observability.Observability;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The company registry over HTTP, with the JDK's own client (no extra HTTP stack in the function).
 *
 * <p>Contract: {@code GET {REGISTRY_BASE_URL}/companies/{nit}} where {@code nit} is the base number without check
 * digit or dots ({@code 900123456}), header {@code Accept: application/json}.
 * <ul>
 *   <li>{@code 200} with {@code {"nit": "900123456", "name": "Transportes ABC S.A.S.", "status": "ACTIVE"}};
 *   {@code status} is ACTIVE, INACTIVE or SUSPENDED; {@code nit} (a trailing {@code -d} check digit is tolerated)
 *   must be the one asked for; {@code name} is optional; other members are ignored;</li>
 *   <li>{@code 404}: no company with that NIT (a business answer: the request becomes invalid);</li>
 *   <li>{@code 408}, {@code 429}, {@code 5xx}, refused connection, timeout: {@link DependencyUnavailableException}
 *   (dependency {@code company-registry}), which the state machine retries with backoff;</li>
 *   <li>any other status, or a 200 body outside the contract: {@link RegistryResponseException}, not retried.</li>
 * </ul>
 * The configured timeout bounds connecting and the whole exchange, body included. Messages never carry the NIT.
 */
public final class HttpCompanyRegistry implements CompanyRegistry {
    static final String DEPENDENCY = "company-registry";
    static final int MAX_BODY_CHARS = 64 * 1024;

    private final RegistryConfig config;
    private final HttpClient client;

    public HttpCompanyRegistry(RegistryConfig config) {
        this(config, newClient(config));
    }

    public HttpCompanyRegistry(RegistryConfig config, HttpClient client) {
        this.config = config;
        this.client = client;
    }

    /** One client per container: it keeps connections alive between invocations. */
    public static HttpClient newClient(RegistryConfig config) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public RegistryLookup lookup(Nit nit) {
        // The JDK client is not instrumented like the AWS SDK: a subsegment makes the registry visible in X-Ray.
        return Observability.traced("CompanyRegistryLookup", () -> ask(nit));
    }

    private RegistryLookup ask(Nit nit) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.baseUrl() + "/companies/" + nit.base()))
                .timeout(config.timeout())
                .header("Accept", "application/json")
                .header("User-Agent", "ccs-workflows-validate-customer")
                .GET()
                .build();
        HttpResponse<String> response = exchange(request);
        int status = response.statusCode();
        if (status == 200) {
            return registered(nit, response.body());
        }
        if (status == 404) {
            return new RegistryLookup.NotRegistered(nit.base());
        }
        if (status == 408 || status == 429 || (status >= 500 && status <= 599)) {
            throw new DependencyUnavailableException(DEPENDENCY, "GET /companies/{nit} answered HTTP " + status, null);
        }
        throw new RegistryResponseException(
                "company registry answered GET /companies/{nit} with unexpected HTTP " + status);
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        CompletableFuture<HttpResponse<String>> pending =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return pending.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException(DEPENDENCY, "interrupted while waiting for the answer", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                // The client's own timers (connect, request) and the overall deadline above are the same limit.
                throw timedOut(cause);
            }
            if (cause instanceof IOException) {
                // Refused or reset connections, a closed stream: all worth another try later.
                throw new DependencyUnavailableException(
                        DEPENDENCY,
                        "request failed: " + cause.getClass().getSimpleName()
                                + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"),
                        cause);
            }
            throw new RegistryResponseException("company registry request failed", cause);
        }
    }

    private DependencyUnavailableException timedOut(Throwable cause) {
        return new DependencyUnavailableException(
                DEPENDENCY, "no answer within " + config.timeout().toMillis() + " ms", cause);
    }

    private static RegistryLookup registered(Nit nit, String body) {
        if (body == null || body.length() > MAX_BODY_CHARS) {
            throw new RegistryResponseException(
                    "company registry answer is empty or larger than " + MAX_BODY_CHARS + " characters");
        }
        Map<String, Object> json;
        try {
            json = MiniJson.parseObject(body);
        } catch (IllegalArgumentException e) {
            throw new RegistryResponseException("company registry answer is not a JSON object: " + e.getMessage(), e);
        }
        String answeredNit = stringMember(json, "nit", true).replace(".", "").replaceFirst("-\\d$", "");
        if (!answeredNit.equals(nit.base())) {
            throw new RegistryResponseException("company registry answered for a different NIT than asked for");
        }
        String statusText = stringMember(json, "status", true).toUpperCase(Locale.ROOT);
        RegistryStatus status = switch (statusText) {
            case "ACTIVE" -> RegistryStatus.ACTIVE;
            case "INACTIVE" -> RegistryStatus.INACTIVE;
            case "SUSPENDED" -> RegistryStatus.SUSPENDED;
            default ->
                throw new RegistryResponseException("company registry answered an unknown status \""
                        + (statusText.length() <= 20 ? statusText : statusText.substring(0, 20) + "...") + "\"");
        };
        return new RegistryLookup.Registered(nit.base(), stringMember(json, "name", false), status);
    }

    private static String stringMember(Map<String, Object> json, String name, boolean required) {
        Object value = json.get(name);
        if (value == null && !required) {
            return "";
        }
        if (!(value instanceof String text)) {
            throw new RegistryResponseException("company registry answer has no string member \"" + name + "\"");
        }
        return text.strip();
    }
}
