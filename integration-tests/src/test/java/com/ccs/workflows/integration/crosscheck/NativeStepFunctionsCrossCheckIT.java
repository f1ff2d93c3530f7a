package com.ccs.workflows.integration.crosscheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.integration.scenarios.Runs;
import com.ccs.workflows.integration.stack.ApprovalLinkClick;
import com.ccs.workflows.integration.stack.LocalRunnerStack;
import com.ccs.workflows.integration.stack.TopicInbox;
import com.ccs.workflows.localrunner.deployment.DeploymentOptions;
import com.ccs.workflows.localrunner.deployment.LocalDeployment;
import com.ccs.workflows.localrunner.lambda.FunctionPackages;
import com.ccs.workflows.localrunner.lambda.InProcessFunction;
import com.ccs.workflows.localrunner.template.ProjectResources;
import com.ccs.workflows.testing.Emulators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Both definitions run by another interpreter than the local runner: the AWS emulator's own Step Functions
 * (MiniStack's), with the functions deployed into its Lambda as {@code provided.al2023} packages running the real
 * handlers through the AWS Lambda Java runtime interface client (see {@link ProvidedRuntimePackage}), and the
 * tables, topics and secrets the template defines. The happy path of each workflow must end as it does in the
 * local runner. What MiniStack does not do is left out here and covered by the scenarios on the local runner:
 * Retry and Catch on Parallel and Map states (so no failure paths), the SQS-to-Step-Functions pipe, and warm
 * containers (each invocation starts a JVM, so Activate Video Recording may run past its 3 s TimeoutSeconds and
 * end as "Recording Unavailable", which the definition records without failing the incident).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NativeStepFunctionsCrossCheckIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Region REGION = Region.US_EAST_1;
    private static final Pattern APPROVE_LINK = Pattern.compile("https?://\\S+/approvals/\\S+/approve\\?\\S+");

    private URI endpoint;
    private LocalDeployment resources;
    private SfnClient sfn;
    private LambdaClient lambda;
    private DynamoDbClient dynamoDb;
    private SnsClient sns;
    private SqsClient sqs;
    private TopicInbox inbox;
    private final Map<String, String> machines = new HashMap<>();

    @BeforeAll
    void deploy() throws IOException {
        endpoint = Emulators.aws();
        URI stripeMock = Emulators.stripe();
        String project = "xc" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        // The local deployment creates the template's tables, topics, queues and secrets on the emulator, resolves
        // the definitions and the functions' environments, and runs the registry and Stripe stand-ins.
        resources = LocalDeployment.start(DeploymentOptions.defaults(LocalRunnerStack.projectDir())
                .withEndpoint(endpoint)
                .withStripeValidator(stripeMock)
                .withParameters(Map.of("ProjectName", project))
                .withFunctionLog(new PrintStream(OutputStream.nullOutputStream())));
        var http = UrlConnectionHttpClient.builder().build();
        sfn = SfnClient.builder()
                .httpClient(http)
                .region(REGION)
                .endpointOverride(endpoint)
                .overrideConfiguration(
                        c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
        lambda = LambdaClient.builder()
                .httpClient(http)
                .region(REGION)
                .endpointOverride(endpoint)
                .build();
        dynamoDb = DynamoDbClient.builder()
                .httpClient(http)
                .region(REGION)
                .endpointOverride(endpoint)
                .build();
        sns = SnsClient.builder()
                .httpClient(http)
                .region(REGION)
                .endpointOverride(endpoint)
                .build();
        sqs = SqsClient.builder()
                .httpClient(http)
                .region(REGION)
                .endpointOverride(endpoint)
                .build();
        inbox = new TopicInbox(sns, sqs, List.copyOf(resources.topics().values()));

        for (InProcessFunction function : resources.functions().all()) {
            deployFunction(function);
        }
        for (ProjectResources.StateMachineSpec spec : ProjectResources.stateMachines(resources.resolver())) {
            String arn = sfn.createStateMachine(r -> r.name(spec.name())
                            .definition(spec.definition())
                            .type(StateMachineType.fromValue(spec.type().toUpperCase(java.util.Locale.ROOT)))
                            .roleArn("arn:aws:iam::000000000000:role/" + spec.logicalId() + "Role"))
                    .stateMachineArn();
            machines.put(spec.logicalId(), arn);
        }
    }

    /** The function as the template deploys it, but on the provided runtime, with its published alias. */
    private void deployFunction(InProcessFunction function) throws IOException {
        var spec = function.spec();
        Map<String, String> environment = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> {
            if (!reserved(name)) {
                environment.put(name, value);
            }
        });
        environment.put("AWS_ENDPOINT_URL", endpoint.toString()); // the emulator itself, not the runner's hop
        environment.put("JAVA_HOME", System.getProperty("java.home")); // the JDK the bootstrap runs
        byte[] zip = ProvidedRuntimePackage.of(FunctionPackages.zipOf(LocalRunnerStack.projectDir(), spec.module()));
        lambda.createFunction(r -> r.functionName(spec.name())
                .runtime(Runtime.PROVIDED_AL2023)
                .handler(spec.handler())
                .role("arn:aws:iam::000000000000:role/" + spec.logicalId() + "Role")
                // Every invocation starts a JVM here (no SnapStart, no warm container): more time than on AWS.
                .timeout(Math.max(spec.timeoutSeconds(), 60))
                .memorySize(spec.memoryMb())
                .environment(e -> e.variables(environment))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        String version = lambda.publishVersion(r -> r.functionName(spec.name())).version();
        lambda.createAlias(r -> r.functionName(spec.name()).name("live").functionVersion(version));
    }

    /** Variables Lambda sets itself and refuses in a function's configuration. */
    private static boolean reserved(String name) {
        return name.startsWith("AWS_LAMBDA_")
                || name.startsWith("_")
                || List.of(
                                "AWS_REGION",
                                "AWS_DEFAULT_REGION",
                                "AWS_ACCESS_KEY_ID",
                                "AWS_SECRET_ACCESS_KEY",
                                "AWS_SESSION_TOKEN",
                                "AWS_EXECUTION_ENV",
                                "LAMBDA_TASK_ROOT",
                                "LAMBDA_RUNTIME_DIR")
                        .contains(name);
    }

    @AfterAll
    void tearDown() {
        if (resources == null) {
            return;
        }
        machines.values().forEach(arn -> sfn.deleteStateMachine(r -> r.stateMachineArn(arn)));
        for (InProcessFunction function : resources.functions().all()) {
            try {
                lambda.deleteFunction(r -> r.functionName(function.spec().name()));
            } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException e) {
                // deployment stopped before this one
            }
        }
        inbox.close();
        resources.close();
        ProjectResources.tables(resources.resolver()).forEach(t -> dynamoDb.deleteTable(r -> r.tableName(t.name())));
        resources.topics().values().forEach(arn -> sns.deleteTopic(r -> r.topicArn(arn)));
        List.of(sfn, lambda, dynamoDb, sns, sqs).forEach(software.amazon.awssdk.core.SdkClient::close);
    }

    /** The last lines the emulator logged for a function (by logical id), for a failure's message. */
    private String functionLogs(String logicalId) {
        String name = resources.functions().byLogicalId(logicalId).spec().name();
        try (CloudWatchLogsClient logs = CloudWatchLogsClient.builder()
                .region(REGION)
                .endpointOverride(endpoint)
                .httpClient(UrlConnectionHttpClient.builder().build())
                .build()) {
            List<String> lines = new java.util.ArrayList<>();
            logs.filterLogEventsPaginator(r -> r.logGroupName("/aws/lambda/" + name))
                    .events()
                    .forEach(e -> lines.add(e.message().strip()));
            return "Logs of " + name + ":\n  "
                    + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (RuntimeException e) {
            return "No logs of " + name + ": " + e.getMessage();
        }
    }

    /** The execution's history, one line per event, for a failure's message. */
    private String history(String executionArn) {
        StringBuilder out = new StringBuilder("History:");
        sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn))
                .events()
                .forEach(e -> out.append("\n  ")
                        .append(e.id())
                        .append(' ')
                        .append(e.typeAsString())
                        .append(' ')
                        .append(details(e)));
        return out.toString();
    }

    private static String details(software.amazon.awssdk.services.sfn.model.HistoryEvent e) {
        String text = e.stateEnteredEventDetails() != null
                ? e.stateEnteredEventDetails().name()
                : e.taskFailedEventDetails() != null
                        ? e.taskFailedEventDetails().error() + ": "
                                + e.taskFailedEventDetails().cause()
                        : e.executionFailedEventDetails() != null
                                ? e.executionFailedEventDetails().error() + ": "
                                        + e.executionFailedEventDetails().cause()
                                : e.lambdaFunctionFailedEventDetails() != null
                                        ? e.lambdaFunctionFailedEventDetails().error() + ": "
                                                + e.lambdaFunctionFailedEventDetails()
                                                        .cause()
                                        : "";
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    private static ObjectNode sample(String relative) throws IOException {
        return (ObjectNode) JSON.readTree(
                Files.readString(LocalRunnerStack.projectDir().resolve("events").resolve(relative)));
    }

    /** A string attribute of an item, null when the item or the attribute is absent. */
    private String attribute(String tableLogicalId, String keyName, String key, String attribute) {
        var answer = dynamoDb.getItem(r -> r.tableName(resources.tableName(tableLogicalId))
                .consistentRead(true)
                .key(Map.of(keyName, AttributeValue.fromS(key))));
        AttributeValue value = answer.hasItem() ? answer.item().get(attribute) : null;
        return value == null ? null : value.s();
    }

    @Test
    void aPanicButtonEventIsRecordedAndNotifiedByTheEmulatorsStepFunctions() throws IOException {
        ObjectNode event = sample("emergency/panic-button-critical.json");
        event.put("vehicleId", "VEH-XC" + System.nanoTime() % 1_000_000);
        String incident = Runs.incidentId(event);

        StartSyncExecutionResponse result = sfn.startSyncExecution(
                r -> r.stateMachineArn(machines.get("EmergencyWorkflow")).input(event.toString()));
        assertThat(result.status())
                .as("%s: %s", result.error(), result.cause())
                .isEqualTo(SyncExecutionStatus.SUCCEEDED);
        JsonNode output = JSON.readTree(result.output());
        assertThat(output.at("/incidentRecord/incident_id/S").asText()).isEqualTo(incident);
        assertThat(output.at("/incidentRecord/status/S").asText()).isEqualTo("notified");
        assertThat(output.path("parallelResults")).hasSize(3);
        assertThat(attribute("IncidentsTable", "incident_id", incident, "status"))
                .isEqualTo("notified");
        assertThat(inbox.await(
                        resources.topicArn("AuthoritiesTopic"),
                        n -> n.message().contains(incident),
                        1,
                        Duration.ofSeconds(20)))
                .hasSize(1);
        assertThat(inbox.await(
                        resources.topicArn("OwnerTopic"),
                        n -> n.message().contains(incident),
                        1,
                        Duration.ofSeconds(20)))
                .hasSize(1);
    }

    /**
     * The manager path (75 vehicles): it also avoids a MiniStack gap, whose Choice state lacks NumericLessThanPath
     * and so takes "Vehicles < 50?"'s Default for any fleet. The manager's decision is the click on the signed link
     * of the message MiniStack's SNS delivered, handed to the approval-callback function deployed in MiniStack as
     * API Gateway would hand it (payload 2.0), which resumes the execution through MiniStack's SendTaskSuccess.
     */
    @Test
    void aManagerApprovedContractIsValidatedCreatedPaidAndActivatedByTheEmulatorsStepFunctions() throws Exception {
        ObjectNode request = sample("business/manager-approved-75-vehicles.json");
        String name = "exec-xc-" + System.nanoTime() % 1_000_000;
        request.put("execution_id", name);

        String arn = sfn.startExecution(r -> r.stateMachineArn(machines.get("BusinessWorkflow"))
                        .name(name)
                        .input(request.toString()))
                .executionArn();
        var message = inbox.await(
                resources.topicArn("ManagerTopic"), n -> n.message().contains(name), 1, Duration.ofMinutes(2));
        assertThat(message)
                .as("the manager's message%n%s%n%s", history(arn), functionLogs("ApprovalRequestFunction"))
                .hasSize(1);
        Matcher link = APPROVE_LINK.matcher(message.getFirst().message());
        assertThat(link.find()).isTrue();
        String callback = resources
                .functions()
                .byLogicalId("ApprovalCallbackFunction")
                .spec()
                .name();
        var answer = lambda.invoke(r -> r.functionName(callback + ":live")
                .payload(SdkBytes.fromUtf8String(
                        ApprovalLinkClick.post(URI.create(link.group()), "comment=Approved+by+the+cross-check")
                                .toString())));
        JsonNode response = JSON.readTree(answer.payload().asUtf8String());
        DescribeExecutionResponse execution = awaitEnd(arn, Duration.ofMinutes(4));

        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
        assertThat(execution.status())
                .as("%s: %s%n%s", execution.error(), execution.cause(), history(arn))
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = JSON.readTree(execution.output());
        String contractId = output.at("/contractResult/contract_id").asText();
        assertThat(contractId).matches("CONT-\\d{4}-\\d+");
        assertThat(output.at("/contractResult/approval_type").asText()).isEqualTo("manual");
        assertThat(output.at("/paymentResult/status").asText()).isEqualTo("success");
        assertThat(output.at("/activationResult/service_status").asText()).isEqualTo("active");
        assertThat(attribute("ContractsTable", "contract_id", contractId, "status"))
                .isEqualTo("active");
        // The module's 15,000,000 COP: sixteen charges of 937,500 COP on the customer's saved card, each once.
        assertThat(output.at("/paymentResult/transaction_ids")).hasSize(16);
        assertThat(resources.stripe().charges().stream()
                        .filter(c -> contractId.equals(c.metadata().get("contract_id"))))
                .hasSize(16)
                .allSatisfy(c -> {
                    assertThat(c.status()).isEqualTo("succeeded");
                    assertThat(c.amount()).isEqualTo(93_750_000L);
                });
        assertThat(inbox.await(
                        resources.topicArn("CustomerTopic"),
                        n -> n.message().contains(contractId),
                        1,
                        Duration.ofSeconds(20)))
                .hasSize(1);
    }

    private DescribeExecutionResponse awaitEnd(String arn, Duration timeout) throws InterruptedException {
        DescribeExecutionResponse execution = sfn.describeExecution(r -> r.executionArn(arn));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (execution.status() == ExecutionStatus.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(500);
            execution = sfn.describeExecution(r -> r.executionArn(arn));
        }
        return execution;
    }
}
