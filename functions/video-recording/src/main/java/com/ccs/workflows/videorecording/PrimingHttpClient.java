package com.ccs.workflows.videorecording;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An SDK HTTP client that answers in memory and never opens a socket. Priming drives real SDK clients through
 * it, so marshalling, signing, the request pipeline and response/error unmarshalling are loaded and compiled
 * before the snapshot, while nothing leaves the process. It reads each request body completely, as a real
 * client does, so the body is actually produced.
 */
final class PrimingHttpClient implements SdkHttpClient {
    /** A canned HTTP answer. */
    record Answer(int status, String contentType, String body) {
    }

    private final Function<String, Answer> answers;
    private final Map<String, Integer> requests = new TreeMap<>();

    /** {@code answers} maps an operation name ({@code PutItem}, {@code UpdateItem}, {@code Publish}...) to its answer. */
    PrimingHttpClient(Function<String, Answer> answers) {
        this.answers = answers;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                request.contentStreamProvider().ifPresent(body -> drain(body.newStream()));
                String operation = operation(request.httpRequest());
                requests.merge(operation, 1, Integer::sum);
                Answer answer = answers.apply(operation);
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
            public void abort() {
            }
        };
    }

    /** Requests answered so far, by operation. */
    Map<String, Integer> requests() {
        return Map.copyOf(requests);
    }

    @Override
    public String clientName() {
        return "priming-in-memory";
    }

    @Override
    public void close() {
    }

    private static String operation(SdkHttpRequest request) {
        // JSON-protocol services (DynamoDB) name the operation in X-Amz-Target; IoT data is REST: POST /topics/{topic}.
        return request.firstMatchingHeader("X-Amz-Target")
                .map(target -> target.substring(target.indexOf('.') + 1))
                .orElseGet(() -> request.encodedPath().startsWith("/topics/") ? "Publish" : request.method() + " " + request.encodedPath());
    }

    private static void drain(InputStream body) {
        try (body) {
            body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
