package com.ccs.workflows.localrunner.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.deployment.LocalDeployment;
import com.ccs.workflows.localrunner.engine.Execution;
import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.engine.StateMachineType;
import com.ccs.workflows.localrunner.testing.TestProject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Service integrations and Lambda invocations of arbitrary definitions against one deployment. */
class ProjectTaskInvokerTest {
    private static LocalDeployment deployment;

    @BeforeAll
    static void deploy() {
        deployment = TestProject.deploy();
    }

    @AfterAll
    static void close() {
        deployment.close();
    }

    private static Execution execute(String name, String definition, String input) {
        deployment.deploy(name, name, definition, StateMachineType.STANDARD);
        Execution execution =
                deployment.engine().startExecution(deployment.stateMachine(name).arn(), null, input);
        return deployment.engine().await(execution.arn(), Duration.ofMinutes(1));
    }

    @Test
    void serviceErrorsCarryStepFunctionsErrorNames() {
        String topic = deployment.topicArn("OwnerTopic").replace("owner-alerts", "no-such-topic");
        Execution sns = execute("sns-missing", """
        {"StartAt": "P", "States": {"P": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
         "Parameters": {"TopicArn": "%s", "Message": {"a": 1}}, "End": true}}}""".formatted(topic), "{}");
        assertThat(sns.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(sns.error()).isEqualTo("SNS.NotFoundException");

        Execution dynamo = execute("dynamo-condition", """
        {"StartAt": "Put", "States": {"Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
         "Parameters": {"TableName": "ccs-dev-incidents", "Item": {"incident_id": {"S": "INC-x"}},
           "ConditionExpression": "attribute_exists(incident_id)"}, "End": true}}}""", "{}");
        assertThat(dynamo.error()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
        assertThat(dynamo.cause()).contains("Status Code: 400");

        Execution sdk = execute("sdk-get", """
        {"StartAt": "Get", "States": {"Get": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:getItem",
         "Parameters": {"TableName": "ccs-dev-incidents", "Key": {"incident_id": {"S": "INC-none"}}},
         "End": true}}}""", "{}");
        assertThat(sdk.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(sdk.output().has("Item")).isFalse();
    }

    @Test
    void lambdaInvokeReturnsThePayloadWithTheInvocationMetadata() {
        Execution execution = execute("lambda-invoke", """
        {"StartAt": "V", "States": {"V": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
         "Parameters": {"FunctionName": "ccs-dev-validate-customer", "Payload": {"customer_id": "C"}},
         "End": true}}}""", "{}");

        assertThat(execution.status()).as(execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(execution.output().path("StatusCode").asInt()).isEqualTo(200);
        assertThat(execution.output().path("ExecutedVersion").asText()).isEqualTo("1");
        assertThat(execution.output().at("/Payload/valid").asBoolean(true)).isFalse();
        assertThat(execution.output().at("/SdkHttpMetadata/HttpStatusCode").asInt())
                .isEqualTo(200);
    }

    @Test
    void unknownFunctionsAndUnsupportedResourcesFailClearly() {
        Execution missing = execute("lambda-missing", """
        {"StartAt": "V", "States": {"V": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
         "Parameters": {"FunctionName": "nope"}, "End": true}}}""", "{}");
        assertThat(missing.error()).isEqualTo("Lambda.ResourceNotFoundException");

        Execution unsupported = execute("unsupported", """
        {"StartAt": "S", "States": {"S": {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun",
         "Parameters": {"JobName": "j"}, "End": true}}}""", "{}");
        assertThat(unsupported.error()).isEqualTo("States.Runtime");
        assertThat(unsupported.cause()).contains("glue:startJobRun").contains("Supported:");
    }
}
