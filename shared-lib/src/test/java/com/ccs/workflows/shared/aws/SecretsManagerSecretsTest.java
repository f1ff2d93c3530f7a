package com.ccs.workflows.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.DependencyUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

class SecretsManagerSecretsTest {
    private static final URI ENDPOINT = URI.create("https://secretsmanager.sa-east-1.amazonaws.com");
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsSessionCredentials.create("AKIDEXAMPLE", "secret-key", "session-token"));

    @Test
    void sendsOneSignedGetSecretValueAndReturnsTheSecretString() {
        Scripted http =
                new Scripted().answer(200, "{\"ARN\":\"arn\",\"Name\":\"signing\",\"SecretString\":\"s3cr3t-value\"}");

        assertThat(secrets(http, Duration.ofSeconds(6)).secretString("ccs/signing"))
                .isEqualTo("s3cr3t-value");

        SdkHttpRequest sent = http.requests.getFirst();
        assertThat(sent.method().name()).isEqualTo("POST");
        assertThat(sent.getUri()).isEqualTo(URI.create("https://secretsmanager.sa-east-1.amazonaws.com/"));
        assertThat(sent.firstMatchingHeader("X-Amz-Target")).contains("secretsmanager.GetSecretValue");
        assertThat(sent.firstMatchingHeader("Content-Type")).contains("application/x-amz-json-1.1");
        assertThat(sent.firstMatchingHeader("X-Amz-Security-Token")).contains("session-token");
        assertThat(sent.firstMatchingHeader("Authorization"))
                .hasValueSatisfying(auth -> assertThat(auth)
                        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                        .contains("/sa-east-1/secretsmanager/aws4_request")
                        .contains("host")
                        .contains("x-amz-target")
                        .containsPattern("Signature=[0-9a-f]{64}"));
        assertThat(http.bodies.getFirst()).isEqualTo("{\"SecretId\":\"ccs/signing\"}");
    }

    @Test
    void forwardsTheInvocationsTraceHeaderAsTheSdkDoes() {
        String header = "Root=1-6761a2f0-5c1e4b2a9d3f7e8a1b2c3d4e;Parent=53995c3f42cd8ad8;Sampled=0";
        System.setProperty("com.amazonaws.xray.traceHeader", header);
        try {
            Scripted http = new Scripted().answer(200, "{\"SecretString\":\"traced\"}");
            secrets(http, Duration.ofSeconds(6)).secretString("ccs/signing");
            assertThat(http.requests.getFirst().firstMatchingHeader("X-Amzn-Trace-Id"))
                    .contains(header);
        } finally {
            System.clearProperty("com.amazonaws.xray.traceHeader");
        }
    }

    @Test
    void aSecretIdIsRequired() {
        Scripted http = new Scripted();
        assertThatThrownBy(() -> secrets(http, Duration.ofSeconds(6)).secretString(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret id");
        assertThat(http.requests).isEmpty();
    }

    @Test
    void aBinarySecretHasNoSecretString() {
        Scripted http = new Scripted().answer(200, "{\"Name\":\"signing\",\"SecretBinary\":\"AAEC\"}");

        assertThat(secrets(http, Duration.ofSeconds(6)).secretString("ccs/signing"))
                .isNull();
    }

    @Test
    void aServiceErrorCarriesItsCodeWithoutNamespaceAndIsNotRetried() {
        Scripted http = new Scripted()
                .answer(
                        400,
                        "{\"__type\":\"com.amazonaws.secretsmanager#ResourceNotFoundException\",\"Message\":\"Secrets Manager can't find the specified secret.\"}");

        assertThatThrownBy(() -> secrets(http, Duration.ofSeconds(6)).secretString("ccs/missing"))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.requestId()).isEqualTo("req-1");
                    assertThat(SdkFaults.isTransient(e))
                            .as("configuration, not transient")
                            .isFalse();
                })
                .hasMessageContaining("ResourceNotFoundException: Secrets Manager can't find");
        assertThat(http.requests).hasSize(1);
    }

    @Test
    void theErrorTypeHeaderNamesTheErrorWhenTheBodyDoesNot() {
        Scripted http =
                new Scripted().answer(403, "", "x-amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/");

        assertThatThrownBy(() -> secrets(http, Duration.ofSeconds(6)).secretString("ccs/signing"))
                .isInstanceOfSatisfying(
                        AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
    }

    @Test
    void transientFailuresAreTriedAgainUntilAnAnswer() {
        Scripted http = new Scripted()
                .answer(500, "{\"__type\":\"InternalServiceError\",\"message\":\"boom\"}")
                .fail(new UncheckedIOException(new IOException("connection reset while connecting")))
                .answer(200, "{\"SecretString\":\"third-time\"}");

        assertThat(secrets(http, Duration.ofSeconds(6)).secretString("ccs/signing"))
                .isEqualTo("third-time");
        assertThat(http.requests).hasSize(3);
    }

    @Test
    void anAttemptWithoutAnAnswerIsCutOffAtItsTimeoutAndTheCallAtItsOwn() throws IOException {
        // Accepts connections (the kernel's backlog) and never answers: only the attempt timeout ends a read.
        try (ServerSocket silent = new ServerSocket(0);
                SdkHttpClient http = UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(30))
                        .build()) {
            SecretsManagerSecrets secrets = new SecretsManagerSecrets(
                    http,
                    CREDENTIALS,
                    Region.SA_EAST_1,
                    URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                    new ClientTimeouts(
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(30),
                            Duration.ofMillis(300),
                            Duration.ofMillis(1_000)));
            long start = System.nanoTime();

            assertThatThrownBy(() -> secrets.secretString("ccs/signing"))
                    .isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("got no answer from 127.0.0.1 within");
            // Far below the 30 s socket timeout: at least one 300 ms attempt, and done near the 1 s call timeout
            // (with room for a loaded machine; this checks the cut-off, not a speed).
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isBetween(Duration.ofMillis(300), Duration.ofMillis(3_000));
        }
    }

    @Test
    void fipsAndDualStackEndpointsFollowThePartition() {
        assertThat(SecretsManagerSecrets.endpoint(Map.of("AWS_USE_FIPS_ENDPOINT", "true"), Region.US_GOV_WEST_1))
                .isEqualTo(URI.create("https://secretsmanager-fips.us-gov-west-1.amazonaws.com"));
        assertThat(SecretsManagerSecrets.endpoint(Map.of("AWS_USE_DUALSTACK_ENDPOINT", "true"), Region.US_EAST_1))
                .isEqualTo(URI.create("https://secretsmanager.us-east-1.api.aws"));
        assertThat(SecretsManagerSecrets.endpoint(Map.of("AWS_USE_FIPS_ENDPOINT", "false"), Region.EU_WEST_1))
                .isEqualTo(URI.create("https://secretsmanager.eu-west-1.amazonaws.com"));
    }

    @Test
    void throttlingOnEveryAttemptEndsAsATransientFaultAfterThreeAttempts() {
        Scripted http = new Scripted();
        for (int i = 0; i < 4; i++) {
            http.answer(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
        }

        assertThatThrownBy(() -> secrets(http, Duration.ofSeconds(6)).secretString("ccs/signing"))
                .isInstanceOfSatisfying(
                        AwsServiceException.class,
                        e -> assertThat(e.isThrottlingException()).isTrue())
                .satisfies(e -> assertThat(SdkFaults.translate("Secrets Manager", (AwsServiceException) e))
                        .isInstanceOf(DependencyUnavailableException.class));
        assertThat(http.requests).hasSize(SecretsManagerSecrets.ATTEMPTS);
    }

    @Test
    void noRetryStartsThatCouldNotFinishInsideTheCallTimeout() {
        Scripted http =
                new Scripted().fail(new IOException("read timed out")).answer(200, "{\"SecretString\":\"late\"}");

        assertThatThrownBy(() -> secrets(http, Duration.ofMillis(20)).secretString("ccs/signing"))
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("no answer from secretsmanager.sa-east-1.amazonaws.com")
                .hasMessageContaining("read timed out");
        assertThat(http.requests).hasSize(1);
    }

    @Test
    void anAnswerThatIsNotJsonIsAClientFaultThatDoesNotEchoTheBody() {
        Scripted http = new Scripted();
        for (int i = 0; i < 3; i++) {
            http.answer(200, "SecretString=leaked-value");
        }

        assertThatThrownBy(() -> secrets(http, Duration.ofSeconds(6)).secretString("ccs/signing"))
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("not a JSON object")
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("leaked-value");
                    }
                });
    }

    @Test
    void theEndpointIsTheServiceVariableThenTheGlobalOneThenThePartitionsPublicHost() {
        Region region = Region.of("cn-north-1");
        assertThat(SecretsManagerSecrets.endpoint(Map.of(), region))
                .isEqualTo(URI.create("https://secretsmanager.cn-north-1.amazonaws.com.cn"));
        assertThat(SecretsManagerSecrets.endpoint(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), region))
                .isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(SecretsManagerSecrets.endpoint(
                        Map.of(
                                "AWS_ENDPOINT_URL",
                                "http://127.0.0.1:4566",
                                "AWS_ENDPOINT_URL_SECRETS_MANAGER",
                                "http://127.0.0.1:2773"),
                        region))
                .isEqualTo(URI.create("http://127.0.0.1:2773"));
        assertThatThrownBy(() ->
                        SecretsManagerSecrets.endpoint(Map.of("AWS_ENDPOINT_URL_SECRETS_MANAGER", "localhost"), region))
                .hasMessageContaining("AWS_ENDPOINT_URL_SECRETS_MANAGER must be an absolute URL");
    }

    @Test
    void backoffGrowsWithEachAttemptAndStaysJittered() {
        for (int i = 0; i < 50; i++) {
            assertThat(SecretsManagerSecrets.backoff(1).toMillis()).isBetween(50L, 100L);
            assertThat(SecretsManagerSecrets.backoff(2).toMillis()).isBetween(100L, 200L);
        }
    }

    private static SecretsManagerSecrets secrets(SdkHttpClient http, Duration callTimeout) {
        return new SecretsManagerSecrets(
                http,
                CREDENTIALS,
                Region.SA_EAST_1,
                ENDPOINT,
                new ClientTimeouts(
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(2_500), callTimeout));
    }

    /** Answers each request with the next scripted answer, recording what was sent. */
    private static final class Scripted implements SdkHttpClient {
        final List<SdkHttpRequest> requests = new ArrayList<>();
        final List<String> bodies = new ArrayList<>();
        private final Deque<Object> script = new ArrayDeque<>();

        Scripted answer(int status, String body, String... headers) {
            SdkHttpResponse.Builder response = SdkHttpResponse.builder()
                    .statusCode(status)
                    .putHeader("x-amzn-RequestId", "req-" + (script.size() + 1));
            for (int i = 0; i < headers.length; i += 2) {
                response.putHeader(headers[i], headers[i + 1]);
            }
            script.add(HttpExecuteResponse.builder()
                    .response(response.build())
                    .responseBody(AbortableInputStream.create(
                            new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                    .build());
            return this;
        }

        Scripted fail(Exception failure) {
            script.add(failure);
            return this;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    requests.add(request.httpRequest());
                    bodies.add(request.contentStreamProvider()
                            .map(p -> {
                                try (var in = p.newStream()) {
                                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            })
                            .orElse(""));
                    Object next = script.removeFirst();
                    if (next instanceof IOException failure) {
                        throw failure;
                    }
                    if (next instanceof RuntimeException failure) {
                        throw failure;
                    }
                    return (HttpExecuteResponse) next;
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public String clientName() {
            return "scripted";
        }

        @Override
        public void close() {}
    }
}
