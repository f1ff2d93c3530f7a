package com.ccs.workflows.localrunner.api;

import static com.ccs.workflows.localrunner.api.LocalSfn.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AWS JSON 1.0 protocol on the wire, as a raw HTTP client sees it. */
class ProtocolTest {
    @RegisterExtension
    final LocalSfn local = LocalSfn.virtual();

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void tearDown() {
        http.close();
    }

    @Test
    void answersJsonWithAwsHeaders() throws Exception {
        HttpResponse<String> response = post("AWSStepFunctions.ListStateMachines", "{}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(Json.parse(response.body())).isEqualTo(Json.parse("{\"stateMachines\":[]}"));
    }

    @Test
    void timestampsAreEpochSecondsWithMilliseconds() throws Exception {
        String create = Json.write(Json.object()
                .put("name", "m")
                .put("roleArn", LocalSfn.ROLE)
                .put("definition", json("{'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'End': true}}}")));
        JsonNode created =
                Json.parse(post("AWSStepFunctions.CreateStateMachine", create).body());
        assertThat(created.get("stateMachineArn").asText()).isEqualTo(local.machineArn("m"));
        JsonNode date = created.get("creationDate");
        assertThat(date.isNumber()).isTrue();
        // The virtual clock starts at 2025-01-01T00:00:00Z.
        assertThat(date.decimalValue()).isEqualByComparingTo("1735689600.000");
    }

    @Test
    void errorsCarryTypeAndMessage() throws Exception {
        String arn = "arn:aws:states:us-east-1:123456789:execution:m:e";
        HttpResponse<String> response =
                post("AWSStepFunctions.DescribeExecution", "{\"executionArn\": \"" + arn + "\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ExecutionDoesNotExist");
        assertThat(Json.parse(response.body()))
                .isEqualTo(Json.object()
                        .put("__type", "ExecutionDoesNotExist")
                        .put("message", "Execution Does Not Exist: '" + arn + "'"));
    }

    @Test
    void unknownOperationsAndTargets() throws Exception {
        assertError(post("AWSStepFunctions.CreateActivity", "{}"), "UnknownOperationException");
        assertError(post("DynamoDB_20120810.ListTables", "{}"), "UnknownOperationException");
        assertError(post(null, "{}"), "UnknownOperationException");
    }

    @Test
    void malformedBodies() throws Exception {
        assertError(post("AWSStepFunctions.ListStateMachines", "{not json"), "SerializationException");
        assertError(post("AWSStepFunctions.ListStateMachines", "[]"), "SerializationException");
        assertError(post("AWSStepFunctions.ListStateMachines", "{\"maxResults\": \"ten\"}"), "SerializationException");
        assertError(
                post("AWSStepFunctions.DescribeStateMachine", "{\"stateMachineArn\": 7}"), "SerializationException");
        // An empty body is an empty request.
        assertThat(post("AWSStepFunctions.ListStateMachines", "").statusCode()).isEqualTo(200);
    }

    /** The SDKs send StartSyncExecution to the host prefixed with {@code sync-}: any Host is served. */
    @Test
    void anyHostIsAccepted() throws IOException {
        String machine = local.createExpress(
                "quick", json("{'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'Result': 'ok', 'End': true}}}"));
        String body = "{\"stateMachineArn\": \"" + machine + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", local.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: sync-states.us-east-1.amazonaws.com\r\n"
                            + "X-Amz-Target: AWSStepFunctions.StartSyncExecution\r\nContent-Type: application/x-amz-json-1.0\r\n"
                            + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200");
            JsonNode answer = Json.parse(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertThat(answer.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(answer.get("output").asText()).isEqualTo("\"ok\"");
        }
    }

    private void assertError(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(code);
        JsonNode body = Json.parse(response.body());
        assertThat(body.get("__type").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
    }

    private HttpResponse<String> post(String target, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(local.server.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
