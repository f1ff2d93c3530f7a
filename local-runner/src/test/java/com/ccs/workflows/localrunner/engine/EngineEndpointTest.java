package com.ccs.workflows.localrunner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.backend.EmbeddedAws;
import com.ccs.workflows.localrunner.backend.Published;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.testing.TestEngines;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An engine built from the defaults: AWS integrations go to the configured endpoint, or fail saying so. */
class EngineEndpointTest {

    @Test
    void withoutAnEndpointAnAwsTaskFailsSayingHowToConfigureOne() {
        try (Engine engine = new Engine(EngineConfig.defaults())) {
            Execution execution = TestEngines.run(engine, """
          {"StartAt": "P", "States": {"P": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
            "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:1:t", "Message": "m"}, "End": true}}}""", "{}");

            assertThat(execution.error()).isEqualTo("States.Runtime");
            assertThat(execution.cause())
                    .contains("No AWS endpoint is configured for the resource"
                            + " 'arn:aws:states:::sns:publish' (state 'P')")
                    .contains("--endpoint-url")
                    .contains("SFN_MOCK_CONFIG");
        }
    }

    @Test
    void withAnEndpointServiceIntegrationsAndCallbacksGoThroughSignedCalls() throws IOException {
        try (EmbeddedAws aws = EmbeddedAws.start();
                Engine engine = new Engine(EngineConfig.defaults().withEndpoint(aws.endpoint()))) {
            String queue = aws.sqs()
                    .handle("CreateQueue", Json.object().put("QueueName", "approvals"))
                    .path("QueueUrl")
                    .asText();
            aws.dynamoDb().handle("CreateTable", Json.parse("""
          {"TableName": "t", "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
           "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]}"""));
            var machine = engine.createStateMachine(
                    "approve", """
          {"StartAt": "Put", "States": {
            "Put": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:putItem",
              "Parameters": {"TableName": "t", "Item": {"id": {"S": "a"}}}, "ResultPath": null, "Next": "Ask"},
            "Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "TimeoutSeconds": 60,
              "Parameters": {"QueueUrl": "%s", "MessageBody": {"token.$": "$$.Task.Token"}}, "End": true}}}
          """.formatted(queue), StateMachineType.STANDARD, "arn:aws:iam::123456789012:role/r");
            Execution execution = engine.startExecution(machine.arn(), null, "{}");

            String token = awaitToken(aws);
            engine.sendTaskSuccess(token, "{\"approved\": true}");
            execution = engine.await(execution.arn(), Duration.ofSeconds(20));

            assertThat(execution.status()).as(execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(execution.output()).isEqualTo(Json.parse("{\"approved\": true}"));
            assertThat(aws.dynamoDb().items("t")).hasSize(1);
        }
    }

    @Test
    void callbackPatternsAwsDoesNotOfferAreRefusedByName() throws IOException {
        try (EmbeddedAws aws = EmbeddedAws.start();
                Engine engine = new Engine(EngineConfig.defaults().withEndpoint(aws.endpoint()))) {
            Execution execution = TestEngines.run(engine, """
          {"StartAt": "Put", "States": {"Put": {"Type": "Task",
            "Resource": "arn:aws:states:::dynamodb:putItem.waitForTaskToken",
            "Parameters": {"TableName": "t", "Item": {"id": {"S": "a"}}}, "End": true}}}""", "{}");

            assertThat(execution.error()).isEqualTo("States.Runtime");
            assertThat(execution.cause()).contains("AWS does not offer .waitForTaskToken for dynamodb:putItem");
        }
    }

    private static String awaitToken(EmbeddedAws aws) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<Published> sent = aws.sqs().sent();
            if (!sent.isEmpty()) {
                return Json.parse(sent.get(0).body()).path("token").asText();
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the callback task sent no message");
    }
}
