package com.ccs.workflows.shared.priming;

import com.ccs.workflows.shared.aws.ClientTimeouts;
import com.ccs.workflows.shared.aws.SecretsManagerSecrets;
import com.ccs.workflows.shared.event.JsonText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;

/**
 * An SDK HTTP client that answers in memory and never opens a socket. Priming drives real SDK clients through
 * it, so marshalling, signing, the request pipeline and response/error unmarshalling are loaded and compiled
 * before the snapshot while nothing leaves the process; tests use it for answers an emulator cannot be made to
 * give. It reads each request body completely, as a real client does, so the body is actually produced.
 */
public final class InMemorySdkHttpClient implements SdkHttpClient {
    /** A request as the answering function sees it: the operation's name and the body sent. */
    public record Call(String operation, String body) {}

    /** A canned HTTP answer. */
    public record Answer(int status, String contentType, String body) {
        /** 200 with a JSON-protocol body (DynamoDB, Step Functions, Scheduler...). */
        public static Answer json(String body) {
            return new Answer(200, "application/x-amz-json-1.0", body);
        }

        /** Secrets Manager's GetSecretValue answer for a secret holding {@code secretString}. */
        public static Answer secretValue(String secretString) {
            return new Answer(
                    200,
                    "application/x-amz-json-1.1",
                    JsonText.object(Map.of("Name", "priming", "SecretString", secretString)));
        }

        /** A JSON-protocol service error, as AWS sends it. */
        public static Answer error(int status, String code, String message) {
            return new Answer(
                    status, "application/x-amz-json-1.1", JsonText.object(Map.of("__type", code, "message", message)));
        }

        /** 200 with a query-protocol (XML) body (SNS). */
        public static Answer xml(String body) {
            return new Answer(200, "text/xml", body);
        }
    }

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));
    /** Cannot resolve: a request that escaped this client would fail instead of reaching anything. */
    private static final URI ENDPOINT = URI.create("http://priming.invalid");

    private final Function<Call, Answer> answers;
    private final Map<String, Integer> requests = new TreeMap<>();

    /** {@code answers} gives the answer to each request; it throws for a request it does not expect. */
    public InMemorySdkHttpClient(Function<Call, Answer> answers) {
        this.answers = answers;
    }

    /**
     * Builds {@code builder}'s client on this HTTP client, with static credentials, a fixed region and an endpoint
     * that cannot resolve, so that nothing of the function's own configuration is read or touched.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.httpClient(this)
                .credentialsProvider(CREDENTIALS)
                .region(Region.US_EAST_1)
                .endpointOverride(ENDPOINT)
                .build();
    }

    /** A Secrets Manager reader on this HTTP client, configured like {@link #client}. */
    public SecretsManagerSecrets secrets() {
        return new SecretsManagerSecrets(this, CREDENTIALS, Region.US_EAST_1, ENDPOINT, ClientTimeouts.STANDARD);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                String sent = request.contentStreamProvider()
                        .map(body -> read(body.newStream()))
                        .orElse("");
                String operation = operation(request.httpRequest(), sent);
                synchronized (requests) {
                    requests.merge(operation, 1, Integer::sum);
                }
                Answer answer = answers.apply(new Call(operation, sent));
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder()
                                .statusCode(answer.status())
                                .putHeader("Content-Type", answer.contentType())
                                .putHeader("Content-Length", Integer.toString(bytes.length))
                                .putHeader("x-amzn-RequestId", "priming")
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                        .build();
            }

            @Override
            public void abort() {}
        };
    }

    /** Requests answered so far, by operation. */
    public Map<String, Integer> requests() {
        synchronized (requests) {
            return Map.copyOf(requests);
        }
    }

    @Override
    public String clientName() {
        return "priming-in-memory";
    }

    @Override
    public void close() {}

    /**
     * JSON protocols (DynamoDB, Secrets Manager, Step Functions) name the operation in X-Amz-Target, the query
     * protocol (SNS) in the form's {@code Action}; of the REST services, IoT data publishes with
     * {@code POST /topics/{topic}} and Scheduler creates with {@code POST /schedules/{name}}. Anything else is
     * named by its method and path.
     */
    static String operation(SdkHttpRequest request, String body) {
        var target = request.firstMatchingHeader("X-Amz-Target");
        if (target.isPresent()) {
            return target.get().substring(target.get().indexOf('.') + 1);
        }
        String route = request.method() + " " + request.encodedPath();
        if (route.startsWith("POST /topics/")) {
            return "Publish";
        }
        if (route.startsWith("POST /schedules/")) {
            return "CreateSchedule";
        }
        for (String field : body.split("&")) {
            if (field.startsWith("Action=")) {
                return field.substring("Action=".length());
            }
        }
        return route;
    }

    private static String read(InputStream body) {
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
