package com.ccs.workflows.shared.aws;

import com.ccs.workflows.shared.config.FunctionEnvironment;
import com.ccs.workflows.shared.event.JsonText;
import com.ccs.workflows.shared.event.MiniJson;
import com.ccs.workflows.shared.observability.tracing.Subsegment;
import com.ccs.workflows.shared.observability.tracing.TraceHeader;
import com.ccs.workflows.shared.observability.tracing.Tracing;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads a secret's {@code SecretString} with Secrets Manager's {@code GetSecretValue}: one request in the service's
 * JSON protocol, signed by the SDK's SigV4 signer with the default credentials chain and sent on the container's
 * URLConnection client, as the service client would send it. The functions read one secret once per container;
 * the service client for that one call would add 0.7 MB to their zips and link a request class for each of the
 * service's operations at start. Same configuration as {@link AwsClients}: region from {@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} or {@code AWS_ENDPOINT_URL} honoured, the standard timeouts, an X-Ray
 * subsegment per call, and transient failures (throttling, 5xx, no answer) tried three times with jittered backoff
 * inside the call timeout.
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
    private final Duration callTimeout;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** From the function's environment. Build once per container. */
    public static SecretsManagerSecrets fromEnvironment() {
        return fromEnvironment(FunctionEnvironment.variables());
    }

    /** From an explicit environment (tests, the local runner). */
    public static SecretsManagerSecrets fromEnvironment(Map<String, String> env) {
        Region region = AwsClients.region(env);
        return new SecretsManagerSecrets(AwsClients.httpClient(ClientTimeouts.STANDARD), DefaultCredentialsProvider.builder().build(),
                region, endpoint(env, region), ClientTimeouts.STANDARD.call());
    }

    /** On explicit collaborators: SnapStart priming (an in-memory HTTP client) and tests. */
    public SecretsManagerSecrets(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, URI endpoint,
                                 Duration callTimeout) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
        this.callTimeout = callTimeout;
    }

    /**
     * The {@code SecretString} of {@code secretId} (a name or an ARN), null when the secret holds a binary value.
     * Throws an {@link AwsServiceException} carrying the service's error code and status (not found, access denied,
     * KMS refused, or throttling and 5xx after the last attempt) or an {@link SdkClientException} when no readable
     * answer came; {@link SdkFaults} sorts both like any SDK failure. Never puts the secret in a message.
     */
    public String secretString(String secretId) {
        if (secretId == null || secretId.isBlank()) {
            throw new IllegalArgumentException("a secret id (name or ARN) is required");
        }
        byte[] body = JsonText.object(Map.of("SecretId", secretId)).getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + callTimeout.toNanos();
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
                subsegment.failed(e, service == null ? 0 : service.statusCode(), service != null && service.isThrottlingException());
            }
            throw e;
        } finally {
            Tracing.end(subsegment);
        }
    }

    private Answer sendWithRetries(byte[] body, long deadline) {
        for (int attempt = 1; ; attempt++) {
            try {
                return send(body);
            } catch (SdkException e) {
                Duration delay = backoff(attempt);
                if (attempt >= ATTEMPTS || !SdkFaults.isTransient(e) || System.nanoTime() + delay.toNanos() >= deadline) {
                    throw e;
                }
                sleep(delay);
            }
        }
    }

    private record Answer(int status, String requestId, String secretString) {
    }

    private Answer send(byte[] body) {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .encodedPath(endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath())
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
        HttpExecuteResponse response;
        String text;
        try {
            response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            text = read(response);
        } catch (IOException e) {
            throw SdkClientException.create("GetSecretValue got no answer from " + endpoint.getHost() + ": " + e, e);
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

    /** The JSON protocol's error: the code in {@code __type} (or the x-amzn-ErrorType header), without namespace. */
    static AwsServiceException serviceError(SdkHttpResponse head, String requestId, Map<String, Object> json) {
        String code = json.get("__type") instanceof String type ? type : head.firstMatchingHeader("x-amzn-ErrorType").orElse(null);
        if (code != null) {
            code = code.substring(code.indexOf('#') + 1);
            int colon = code.indexOf(':');
            code = colon < 0 ? code : code.substring(0, colon);
        }
        Object message = json.containsKey("message") ? json.get("message") : json.get("Message");
        String text = message instanceof String s ? s : null;
        return AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(text)
                        .serviceName("SecretsManager").sdkHttpResponse(head).build())
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
            throw SdkClientException.create("GetSecretValue answered HTTP " + status + " with a body that is not a JSON object", e);
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
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting to retry GetSecretValue", e);
        }
    }

    /** {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}, {@code AWS_ENDPOINT_URL}, or the region's public endpoint. */
    static URI endpoint(Map<String, String> env, Region region) {
        return AwsClients.endpoint(env, "AWS_ENDPOINT_URL_SECRETS_MANAGER")
                .or(() -> AwsClients.endpoint(env))
                .orElseGet(() -> URI.create("https://secretsmanager." + region.id() + "." + PartitionMetadata.of(region).dnsSuffix()));
    }
}
