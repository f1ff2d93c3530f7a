package com.ccs.workflows.localrunner.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.api.StepFunctionsApiServer;
import com.ccs.workflows.localrunner.integrations.ProjectTaskInvoker;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.tasks.MockConfig;
import com.ccs.workflows.localrunner.testing.TestProject;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/**
 * Step Functions Local's mock configuration in a deployment, through the API with the SDK: an execution started
 * as {@code stateMachineArn#TestCase} answers the states its test case mocks, the others run for real.
 */
class MockConfigApiTest {
    private static final MockConfig MOCKS = MockConfig.parse(Json.parse("""
      {"StateMachines": {"ccs-dev-emergency-workflow": {"TestCases": {
         "RecordFails": {"Record Incident": "DynamoDown"},
         "VideoDown": {"Activate Video Recording": "LambdaDown"}}}},
       "MockedResponses": {
         "DynamoDown": {"0": {"Throw": {"Error": "DynamoDB.InternalServerErrorException", "Cause": "down"}}},
         "LambdaDown": {"0-1": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "unavailable"}}}}}
      """));

    private static LocalDeployment deployment;
    private static StepFunctionsApiServer server;
    private static SfnClient sfn;
    private static final List<ProjectTaskInvoker.FunctionCall> calls = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        deployment = TestProject.deploy();
        deployment.invoker().useMocks(MOCKS, null);
        deployment.invoker().onFunctionCall(calls::add);
        server = StepFunctionsApiServer.start(deployment.engine(), 0);
        sfn = SfnClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(
                        o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
    }

    @AfterAll
    static void stop() {
        sfn.close();
        server.close();
        deployment.close();
    }

    private static String event(long timestamp) {
        return TestProject.event("emergency/panic-button-critical.json")
                .replace("1698765432000", Long.toString(timestamp));
    }

    @Test
    void aMockedThrowTakesTheWorkflowsFailurePathWithoutWritingAnything() {
        String table = deployment.tableName("IncidentsTable");
        int before = deployment.embedded().dynamoDb().items(table).size();
        var response = sfn.startSyncExecution(b -> b.input(event(1698765500000L))
                .stateMachineArn(deployment.stateMachine("emergency").arn() + "#RecordFails"));

        assertThat(response.status()).isEqualTo(SyncExecutionStatus.FAILED);
        assertThat(response.error()).isEqualTo("DynamoDB.InternalServerErrorException");
        assertThat(response.cause()).isEqualTo("down");
        assertThat(deployment.embedded().dynamoDb().items(table)).hasSize(before);
    }

    @Test
    void unmockedStatesRunForRealBesideTheMockedOnes() {
        calls.clear();
        var response = sfn.startSyncExecution(b -> b.input(event(1698765600000L))
                .stateMachineArn(deployment.stateMachine("emergency").arn() + "#VideoDown"));

        assertThat(response.status()).as(response.cause()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(response.output()).toString())
                .contains("\"status\":\"failed\"")
                .contains("Lambda.ServiceException");
        assertThat(calls).noneMatch(c -> c.function().equals("VideoRecordingFunction"));
        assertThat(deployment.messages(true)).anyMatch(m -> m.topicArn().endsWith("authorities-alerts"));
    }

    @Test
    void aDefaultTestCaseAppliesToExecutionsStartedWithoutOne() {
        deployment.invoker().useMocks(MOCKS, "RecordFails");
        try {
            var response = sfn.startSyncExecution(b -> b.input(event(1698765700000L))
                    .stateMachineArn(deployment.stateMachine("emergency").arn()));
            assertThat(response.error()).isEqualTo("DynamoDB.InternalServerErrorException");
        } finally {
            deployment.invoker().useMocks(MOCKS, null);
        }
    }
}
