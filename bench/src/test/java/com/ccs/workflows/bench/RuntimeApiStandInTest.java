package com.ccs.workflows.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Runtime API stand-in speaks the protocol a Lambda runtime expects, one invocation per session. */
class RuntimeApiStandInTest {
    private static final String BASE = "/2018-06-01/runtime/";

    @Test
    void handsOutTheEventTakesTheAnswerAndHoldsTheNextRequest() throws Exception {
        try (RuntimeApiStandIn standIn = RuntimeApiStandIn.start();
                HttpClient http = HttpClient.newHttpClient()) {
            RuntimeApiStandIn.Session session = standIn.begin("{\"a\":1}", () -> 42);

            HttpResponse<String> next =
                    http.send(get(standIn, "invocation/next"), HttpResponse.BodyHandlers.ofString());
            assertThat(next.statusCode()).isEqualTo(200);
            assertThat(next.body()).isEqualTo("{\"a\":1}");
            String requestId =
                    next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
            assertThat(next.headers().firstValue("Lambda-Runtime-Deadline-Ms")).isPresent();
            assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn"))
                    .isPresent();

            HttpResponse<String> posted = http.send(
                    post(standIn, "invocation/" + requestId + "/response", "\"hello\""),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(202);
            RuntimeApiStandIn.Outcome outcome = session.outcome().get(5, TimeUnit.SECONDS);
            assertThat(outcome.kind()).isEqualTo(RuntimeApiStandIn.Outcome.Kind.RESPONSE);
            assertThat(outcome.body()).isEqualTo("\"hello\"");
            assertThat(outcome.probe()).isEqualTo(42);

            CompletableFuture<HttpResponse<String>> held =
                    http.sendAsync(get(standIn, "invocation/next"), HttpResponse.BodyHandlers.ofString());
            assertThat(session.idle().get(5, TimeUnit.SECONDS)).isPositive();
            assertThat(held).isNotDone();
            session.close();
            assertThat(held.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(410);
        }
    }

    @Test
    void reportsAnInitialisationError() throws Exception {
        try (RuntimeApiStandIn standIn = RuntimeApiStandIn.start();
                HttpClient http = HttpClient.newHttpClient()) {
            RuntimeApiStandIn.Session session = standIn.begin("{}", () -> 0);
            http.send(
                    post(standIn, "init/error", "{\"errorMessage\":\"boom\"}"), HttpResponse.BodyHandlers.discarding());
            RuntimeApiStandIn.Outcome outcome = session.outcome().get(5, TimeUnit.SECONDS);
            assertThat(outcome.kind()).isEqualTo(RuntimeApiStandIn.Outcome.Kind.INIT_ERROR);
            assertThat(outcome.body()).contains("boom");
        }
    }

    private static HttpRequest get(RuntimeApiStandIn standIn, String path) {
        return HttpRequest.newBuilder(URI.create("http://" + standIn.address() + BASE + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
    }

    private static HttpRequest post(RuntimeApiStandIn standIn, String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://" + standIn.address() + BASE + path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
