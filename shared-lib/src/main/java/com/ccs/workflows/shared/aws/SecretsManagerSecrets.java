package com.ccs.workflows.shared.aws;

import com.ccs.workflows.shared.config.FunctionEnvironment;
import com.ccs.workflows.shared.event.JsonText;
import com.ccs.workflows.shared.event.MiniJson;
import com.ccs.workflows.shared.observability.tracing.Subsegment;
import com.ccs.workflows.shared.observability.tracing.TraceHeader;
import com.ccs.workflows.shared.observability.tracing.Tracing;
import com.ccs.workflows.shared.priming.RestoreSafeRandom;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.EndpointTag;
import software.amazon.awssdk.regions.PartitionEndpointKey;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * Reads a secret's {@code SecretString} with Secrets Manager's {@code GetSecretValue}: one request in the service's
 * JSON protocol, signed by the SDK's SigV4 signer with the default credentials chain and sent on the container's
 * URLConnection client, as the service client would send it. The functions read one secret once per container;
 * the service client for that one call would add 0.7 MB to their zips and link a request class for each of the
 * service's operations at start. Same configuration as {@link AwsClients}: region from {@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} or {@code AWS_ENDPOINT_URL} honoured (else the region's endpoint, FIPS
 * and dual-stack as {@code AWS_USE_FIPS_ENDPOINT} and {@code AWS_USE_DUALSTACK_ENDPOINT} ask), the standard
 * timeouts (each attempt and the whole call, retries included, are cut off when theirs runs out), an X-Ray
 * subsegment per call, and transient failures (throttling, 5xx, no answer) tried three times with jittered backoff.
 * A service error is an {@link AwsServiceException} whose message starts with the service's error code, since
 * there is no generated exception class per error here.
 */
public final class SecretsManagerSecrets {
    static final String TARGET = "secretsmanager.GetSecretValue";
    /** Attempts per read, the first included. */
    public static final int ATTEMPTS = 3;

    private static final Duration BASE_DELAY = Duration.ofMillis(100);

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI endpoint;
    private final ClientTimeouts timeouts;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** From the function's environment. Build once per container. */
    public static SecretsManagerSecrets fromEnvironment() {
        return fromEnvironment(FunctionEnvironment.variables());
    }

    /** From an explicit environment (tests, the local runner). */
    public static SecretsManagerSecrets fromEnvironment(Map<String, String> env) {
        Region region = AwsClients.region(env);
        return new SecretsManagerSecrets(
                AwsClients.httpClient(ClientTimeouts.STANDARD),
                DefaultCredentialsProvider.builder().build(),
                region,
                endpoint(env, region),
                ClientTimeouts.STANDARD);
    }

    /**
     * On explicit collaborators: SnapStart priming (an in-memory HTTP client) and tests. Of {@code timeouts}, the
     * attempt and call limits apply here; connect and socket are the HTTP client's own.
     */
    public SecretsManagerSecrets(
            SdkHttpClient http,
            AwsCredentialsProvider credentials,
            Region region,
            URI endpoint,
            ClientTimeouts timeouts) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
        this.timeouts = timeouts;
    }

    /**
     * The {@code SecretString} of {@code secretId} (a name or an ARN), null when the secret holds a binary value.
     * Throws an {@link AwsServiceException} carrying the service's error code and status (not found, access denied,
     * KMS refused, or throttling and 5xx after the last attempt) or an {@link SdkClientException} when no readable
     * answer came in time; {@link SdkFaults} sorts both like any SDK failure. Never puts the secret in a message.
     */
    public String secretString(String secretId) {
        if (secretId == null || secretId.isBlank()) {
            throw new IllegalArgumentException("a secret id (name or ARN) is required");
        }
        byte[] body = JsonText.object(Map.of("SecretId", secretId)).getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + timeouts.call().toNanos();
        Subsegment subsegment = Tracing.begin("SecretsManager", "aws");
        if (subsegment != null) {
            subsegment.aws("operation", "GetSecretValue");
            subsegment.aws("region", region.id());
        }
        try {
            Answer answer = sendWithRetries(body, deadline);
            if (subsegment != null) {
                subsegment.httpStatus(answer.status());
                subsegment.aws("request_id", answer.requestId());
            }
            return answer.secretString();
        } catch (RuntimeException e) {
            if (subsegment != null) {
                AwsServiceException service = e instanceof AwsServiceException s ? s : null;
                if (service != null) {
                    subsegment.aws("request_id", service.requestId());
                }
                subsegment.failed(
                        e,
                        service == null ? 0 : service.statusCode(),
                        service != null && service.isThrottlingException());
            }
            throw e;
        } finally {
            Tracing.end(subsegment);
        }
    }

    private Answer sendWithRetries(byte[] body, long deadline) {
        for (int attempt = 1; ; attempt++) {
            try {
                return send(body, deadline);
            } catch (SdkException e) {
                Duration delay = backoff(attempt);
                if (attempt >= ATTEMPTS
                        || !SdkFaults.isTransient(e)
                        || System.nanoTime() + delay.toNanos() >= deadline) {
                    throw e;
                }
                sleep(delay);
            }
        }
    }

    private record Answer(int status, String requestId, String secretString) {}

    private Answer send(byte[] body, long deadline) {
        long budget = Math.min(timeouts.attempt().toNanos(), deadline - System.nanoTime());
        if (budget <= 0) {
            throw SdkClientException.create("GetSecretValue did not finish within the call timeout of "
                    + timeouts.call().toMillis() + " ms");
        }
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .encodedPath(
                        endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath())
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET)
                .putHeader("Content-Length", Integer.toString(body.length));
        String trace = TraceHeader.currentText();
        if (trace != null && !trace.isBlank()) {
            request.putHeader("X-Amzn-Trace-Id", trace);
        }
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        ExecutableHttpRequest call = http.prepareRequest(HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null))
                .build());
        // The URLConnection client bounds connect and each read, not the whole exchange: abort it when the budget ends.
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> timer = AttemptTimer.SCHEDULER.schedule(
                () -> {
                    expired.set(true);
                    call.abort();
                },
                budget,
                TimeUnit.NANOSECONDS);
        HttpExecuteResponse response;
        String text;
        try {
            response = call.call();
            text = read(response);
        } catch (IOException | UncheckedIOException e) {
            throw SdkClientException.create(
                    expired.get()
                            ? "GetSecretValue got no answer from " + endpoint.getHost() + " within "
                                    + TimeUnit.NANOSECONDS.toMillis(budget) + " ms"
                            : "GetSecretValue got no answer from " + endpoint.getHost() + ": " + e,
                    e);
        } finally {
            timer.cancel(false);
        }
        SdkHttpResponse head = response.httpResponse();
        String requestId = head.firstMatchingHeader("x-amzn-RequestId").orElse(null);
        Map<String, Object> json = parse(text, head.statusCode());
        if (!head.isSuccessful()) {
            throw serviceError(head, requestId, json);
        }
        Object secret = json.get("SecretString");
        if (secret != null && !(secret instanceof String)) {
            throw SdkClientException.create("GetSecretValue answered a SecretString that is not a string");
        }
        return new Answer(head.statusCode(), requestId, (String) secret);
    }

    /** The JSON protocol's error: the code in the x-amzn-ErrorType header (or {@code __type}), without namespace. */
    static AwsServiceException serviceError(SdkHttpResponse head, String requestId, Map<String, Object> json) {
        String code = head.firstMatchingHeader("x-amzn-ErrorType")
                .orElse(json.get("__type") instanceof String type ? type : null);
        if (code != null) {
            code = code.substring(code.indexOf('#') + 1);
            int colon = code.indexOf(':');
            code = colon < 0 ? code : code.substring(0, colon);
        }
        Object message = json.containsKey("message") ? json.get("message") : json.get("Message");
        String text = message instanceof String s ? s : null;
        return AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(text)
                        .serviceName("SecretsManager")
                        .sdkHttpResponse(head)
                        .build())
                .statusCode(head.statusCode())
                .requestId(requestId)
                .message((code == null ? "HTTP " + head.statusCode() : code) + (text == null ? "" : ": " + text))
                .build();
    }

    private static Map<String, Object> parse(String text, int status) {
        if (text.isBlank()) {
            return Map.of();
        }
        try {
            return MiniJson.parseObject(text);
        } catch (RuntimeException e) {
            if (status >= 300) {
                return Map.of(); // a proxy's or load balancer's error page: the status says enough
            }
            throw SdkClientException.create(
                    "GetSecretValue answered HTTP " + status + " with a body that is not a JSON object", e);
        }
    }

    private static String read(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return "";
        }
        try (InputStream in = response.responseBody().get()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Exponential with jitter: 50 to 100 ms before the second attempt, 100 to 200 ms before the third. */
    static Duration backoff(int attempt) {
        long ceiling = BASE_DELAY.toMillis() << Math.min(attempt - 1, 4);
        return Duration.ofMillis(RestoreSafeRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting to retry GetSecretValue", e);
        }
    }

    /**
     * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}, {@code AWS_ENDPOINT_URL}, or the region's endpoint in its partition,
     * FIPS and dual-stack when {@code AWS_USE_FIPS_ENDPOINT} / {@code AWS_USE_DUALSTACK_ENDPOINT} say {@code true}.
     */
    static URI endpoint(Map<String, String> env, Region region) {
        return AwsClients.endpoint(env, "AWS_ENDPOINT_URL_SECRETS_MANAGER")
                .or(() -> AwsClients.endpoint(env))
                .orElseGet(() -> {
                    List<EndpointTag> tags = new ArrayList<>();
                    if (Boolean.parseBoolean(
                            env.getOrDefault("AWS_USE_FIPS_ENDPOINT", "false").strip())) {
                        tags.add(EndpointTag.FIPS);
                    }
                    if (Boolean.parseBoolean(env.getOrDefault("AWS_USE_DUALSTACK_ENDPOINT", "false")
                            .strip())) {
                        tags.add(EndpointTag.DUALSTACK);
                    }
                    PartitionEndpointKey key =
                            PartitionEndpointKey.builder().tags(tags).build();
                    PartitionMetadata partition = PartitionMetadata.of(region);
                    return URI.create("https://"
                            + partition
                                    .hostname(key)
                                    .replace("{service}", "secretsmanager")
                                    .replace("{region}", region.id())
                                    .replace("{dnsSuffix}", partition.dnsSuffix(key)));
                });
    }

    /** One daemon thread per container that aborts attempts past their budget, started on the first read. */
    private static final class AttemptTimer {
        static final ScheduledExecutorService SCHEDULER = scheduler();

        private static ScheduledExecutorService scheduler() {
            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "secrets-manager-attempt-timeout");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.setRemoveOnCancelPolicy(true);
            return scheduler;
        }
    }
}
