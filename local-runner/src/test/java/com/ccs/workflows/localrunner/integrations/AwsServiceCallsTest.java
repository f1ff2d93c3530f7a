package com.ccs.workflows.localrunner.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.localrunner.backend.EmbeddedAws;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The service integrations over signed HTTP (as against an emulator), here against the embedded endpoint. */
class AwsServiceCallsTest {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    @Test
    void signedCallsReturnTheServiceAnswerAndNameErrorsLikeStepFunctions() throws IOException {
        try (EmbeddedAws aws = EmbeddedAws.start()) {
            AwsServiceCalls calls = new AwsServiceCalls(aws.endpoint(), "us-east-1", CREDENTIALS);
            aws.dynamoDb().handle("CreateTable", Json.parse("""
          {"TableName": "t", "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
           "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]}"""));
            String topic = aws.sns().createTopic("alerts");

            JsonNode put = calls.call("dynamodb", "putItem", Json.parse("""
          {"TableName": "t", "Item": {"id": {"S": "a"}}, "ConditionExpression": "attribute_not_exists(id)"}"""));
            assertThat(put.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
            assertThat(aws.dynamoDb().items("t")).hasSize(1);
            assertThatThrownBy(() -> calls.call("dynamodb", "putItem", Json.parse("""
          {"TableName": "t", "Item": {"id": {"S": "a"}}, "ConditionExpression": "attribute_not_exists(id)"}""")))
                    .isInstanceOfSatisfying(StatesFailure.class, f -> {
                        assertThat(f.error()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
                        assertThat(f.cause()).contains("Status Code: 400");
                    });

            JsonNode published = calls.call("sns", "publish", Json.parse("""
          {"TopicArn": "%s", "Subject": "s", "Message": {"k": "v"},
           "MessageAttributes": {"a": {"DataType": "String", "StringValue": "x"}}}""".formatted(topic)));
            assertThat(published.path("MessageId").asText()).isNotBlank();
            assertThat(aws.sns().messages()).singleElement().satisfies(m -> {
                assertThat(m.body()).isEqualTo("{\"k\":\"v\"}");
                assertThat(m.attributes()).containsEntry("a", "x");
            });
            assertThatThrownBy(() -> calls.call("sns", "publish", Json.parse("""
          {"TopicArn": "%s-missing", "Message": "m"}""".formatted(topic))))
                    .isInstanceOfSatisfying(
                            StatesFailure.class, f -> assertThat(f.error()).isEqualTo("SNS.NotFoundException"));

            JsonNode sdk = calls.call("aws-sdk:dynamodb", "getItem", Json.parse("""
          {"TableName": "t", "Key": {"id": {"S": "a"}}}"""));
            assertThat(sdk.at("/Item/id/S").asText()).isEqualTo("a");
            assertThat(sdk.has("SdkHttpMetadata")).isFalse();
        }
    }

    /** A one-route HTTP server answering with a fixed status, headers and body, remembering the last request. */
    private static final class FakeService implements AutoCloseable {
        final HttpServer server;
        final AtomicReference<String> path = new AtomicReference<>();
        final AtomicReference<Map<String, List<String>>> headers = new AtomicReference<>();
        final AtomicReference<String> body = new AtomicReference<>();

        FakeService(int status, Map<String, String> responseHeaders, String responseBody) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                path.set(exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null
                                ? ""
                                : "?" + exchange.getRequestURI().getRawQuery()));
                headers.set(Map.copyOf(exchange.getRequestHeaders()));
                body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] out = responseBody.getBytes(StandardCharsets.UTF_8);
                responseHeaders.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
                exchange.getResponseBody().write(out);
                exchange.close();
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        String header(String name) {
            return headers.get().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void putEventsSendsDetailAsTextAddsTheCallerArnsAndFailsOnFailedEntries() throws IOException {
        List<String> callers =
                List.of("arn:aws:states:us-east-1:1:execution:m:e", "arn:aws:states:us-east-1:1:stateMachine:m");
        String request = """
        {"Entries": [{"Source": "ccs", "DetailType": "t", "Detail": {"incident": "INC-1"}, "Resources": ["r"]}]}""";
        try (FakeService events = new FakeService(
                200,
                Map.of("x-amzn-RequestId", "req-1"),
                "{\"Entries\": [{\"EventId\": \"e-1\"}], \"FailedEntryCount\": 0}")) {
            JsonNode result = new AwsServiceCalls(events.uri(), "us-east-1", CREDENTIALS)
                    .call("events", "putEvents", Json.parse(request), callers);

            assertThat(events.header("X-Amz-Target")).isEqualTo("AWSEvents.PutEvents");
            assertThat(events.header("Authorization")).contains("/us-east-1/events/aws4_request");
            JsonNode sent = Json.parse(events.body.get()).at("/Entries/0");
            assertThat(sent.path("Detail").asText()).isEqualTo("{\"incident\":\"INC-1\"}");
            assertThat(sent.path("Resources"))
                    .containsExactly(Json.text("r"), Json.text(callers.get(0)), Json.text(callers.get(1)));
            assertThat(result.at("/Entries/0/EventId").asText()).isEqualTo("e-1");
            assertThat(result.at("/SdkResponseMetadata/RequestId").asText()).isEqualTo("req-1");
        }
        try (FakeService events = new FakeService(200, Map.of(), """
        {"Entries": [{"ErrorCode": "InternalFailure", "ErrorMessage": "no"}], "FailedEntryCount": 1}""")) {
            AwsServiceCalls calls = new AwsServiceCalls(events.uri(), "us-east-1", CREDENTIALS);
            assertThatThrownBy(() -> calls.call("events", "putEvents", Json.parse(request), callers))
                    .isInstanceOfSatisfying(StatesFailure.class, f -> {
                        assertThat(f.error()).isEqualTo("EventBridge.FailedEntry");
                        assertThat(f.cause()).contains("InternalFailure");
                    });
            // The SDK integration reports what PutEvents answered and leaves failed entries to the workflow.
            assertThat(calls.call("aws-sdk:eventbridge", "putEvents", Json.parse(request))
                            .path("FailedEntryCount")
                            .asInt())
                    .isEqualTo(1);
        }
    }

    @Test
    void lambdaInvokeAtAnEndpointCallsTheRestApiAndReportsFunctionErrors() throws IOException {
        try (FakeService lambda = new FakeService(
                200, Map.of("X-Amz-Executed-Version", "7", "x-amzn-RequestId", "req-2"), "{\"ok\": true}")) {
            var answer = new AwsServiceCalls(lambda.uri(), "us-east-1", CREDENTIALS)
                    .invokeLambda("arn:aws:lambda:us-east-1:1:function:f", Json.parse("{\"a\": 1}"), "live", null);

            assertThat(lambda.path.get())
                    .isEqualTo(
                            "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Af/invocations?Qualifier=live");
            assertThat(lambda.header("Authorization")).contains("/lambda/aws4_request");
            assertThat(lambda.body.get()).isEqualTo("{\"a\":1}");
            assertThat(answer.payload()).isEqualTo(Json.parse("{\"ok\": true}"));
            assertThat(answer.executedVersion()).isEqualTo("7");
            assertThat(answer.functionError()).isNull();
        }
        try (FakeService lambda = new FakeService(
                200,
                Map.of("X-Amz-Function-Error", "Unhandled"),
                "{\"errorType\": \"com.x.Boom\", \"errorMessage\": \"boom\"}")) {
            var answer = new AwsServiceCalls(lambda.uri(), "us-east-1", CREDENTIALS)
                    .invokeLambda("f", Json.object(), null, null);
            assertThat(answer.functionError()).isEqualTo("Unhandled");
            assertThat(answer.payload().path("errorType").asText()).isEqualTo("com.x.Boom");
        }
        try (FakeService lambda = new FakeService(
                404,
                Map.of("x-amzn-ErrorType", "ResourceNotFoundException"),
                "{\"Type\": \"User\", \"message\": \"Function not found: f\"}")) {
            AwsServiceCalls calls = new AwsServiceCalls(lambda.uri(), "us-east-1", CREDENTIALS);
            assertThatThrownBy(() -> calls.invokeLambda("f", Json.object(), null, null))
                    .isInstanceOfSatisfying(StatesFailure.class, f -> {
                        assertThat(f.error()).isEqualTo("Lambda.ResourceNotFoundException");
                        assertThat(f.cause()).startsWith("Function not found: f (Service: Lambda, Status Code: 404");
                    });
        }
    }

    @Test
    void anUnreachableEndpointIsAnSdkClientException() {
        AwsServiceCalls calls = new AwsServiceCalls(URI.create("http://127.0.0.1:1"), "us-east-1", CREDENTIALS);
        assertThatThrownBy(() -> calls.call("dynamodb", "getItem", Json.parse("{\"TableName\": \"t\"}")))
                .isInstanceOfSatisfying(
                        StatesFailure.class, f -> assertThat(f.error()).isEqualTo("DynamoDB.SdkClientException"));
    }
}
