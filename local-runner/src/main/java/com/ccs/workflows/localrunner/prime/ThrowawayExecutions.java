package com.ccs.workflows.localrunner.prime;

import com.ccs.workflows.localrunner.api.StepFunctionsApiServer;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.project.LocalDeployment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * The emergency workflow run on its sample event through StartSyncExecution in a deployment of its own: its own
 * embedded backends, stand-ins, engine and API server on a free loopback port, closed afterwards. Whatever a user
 * passed (an endpoint URL, a Stripe base URL) is not used, so nothing reaches what they talk to. The runner's
 * classes (engine, API server, backends) are shared by every deployment in the JVM: the code compiled here
 * serves the real deployment's executions. The functions' classes are not (a class loader per container).
 */
final class ThrowawayExecutions implements AutoCloseable {
    private final LocalDeployment deployment;
    private final StepFunctionsApiServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String arn;
    private final ObjectNode event;
    private long timestamp;

    private ThrowawayExecutions(Path project, String sampleEvent) throws IOException {
        this.deployment = LocalDeployment.start(LocalDeployment.Options.defaults(project)
                .withFunctionLog(new PrintStream(OutputStream.nullOutputStream())));
        try {
            this.arn = deployment.stateMachine("emergency").arn();
            deployment.warmFor(deployment.stateMachine("emergency"));
            this.server = StepFunctionsApiServer.start(deployment.engine(), 0);
        } catch (IOException | RuntimeException e) {
            deployment.close();
            throw e;
        }
        this.event = (ObjectNode) Json.parse(sampleEvent);
        this.timestamp = event.path("eventTimestamp").asLong();
    }

    static ThrowawayExecutions start(Path project, String sampleEvent) {
        try {
            return new ThrowawayExecutions(project, sampleEvent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One execution, a new incident each time (as every real event is), which must succeed. */
    void runOne() {
        String input = Json.write(event.put("eventTimestamp", ++timestamp));
        String body = Json.write(Json.object().put("stateMachineArn", arn).put("input", input));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(server.endpoint().toString()))
                .header("X-Amz-Target", "AWSStepFunctions.StartSyncExecution")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode result = Json.parse(response.body());
            if (!"SUCCEEDED".equals(result.path("status").asText())) {
                throw new IllegalStateException("a priming execution did not succeed: " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while priming", e);
        }
    }

    @Override
    public void close() {
        http.close();
        server.close();
        deployment.close();
    }
}
