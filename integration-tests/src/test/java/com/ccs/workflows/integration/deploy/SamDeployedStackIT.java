package com.ccs.workflows.integration.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ccs.workflows.integration.SamTemplate;
import com.ccs.workflows.integration.crosscheck.ProvidedRuntimePackage;
import com.ccs.workflows.integration.scenarios.Runs;
import com.ccs.workflows.integration.stack.ApprovalLinkClick;
import com.ccs.workflows.integration.stack.LocalRunnerStack;
import com.ccs.workflows.integration.stack.TopicInbox;
import com.ccs.workflows.localrunner.lambda.FunctionPackages;
import com.ccs.workflows.localrunner.standins.RegistryStandIn;
import com.ccs.workflows.localrunner.standins.StripeStandIn;
import com.ccs.workflows.testing.Emulators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The first use the project is made for: `sam deploy` of the built template (.aws-sam/build, from `sam build`) onto
 * a CloudFormation engine, here the AWS emulator's (MiniStack applies the SAM transform), under a stack name of its
 * own. Every resource template.yaml declares must be there with the properties that matter, read back from the
 * services; where the emulator keeps a property without reporting it (a table's or a topic's key), from the stack's
 * processed template. Then the module description's CLI commands run a contract through the manager's approval on
 * the deployed business workflow, and `sam delete` removes the stack. Failures print the stack's events.
 *
 * <p>Runs from scripts/deploy-check.sh, which CI calls after `sam build` ({@code CCS_SAM_DEPLOY=true}); skipped,
 * saying so, anywhere else. To run the deployed functions, the emulator's Lambda needs them as
 * {@code provided.al2023} packages running the real handlers through the runtime interface client (it answers
 * java25 ones with a stand-in): the last test redeploys each function's code that way, publishes a version and
 * moves the {@code live} alias to it, as a user updating a function would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SamDeployedStackIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = LocalRunnerStack.projectDir();
    private static final Region REGION = Region.US_EAST_1;
    private static final Pattern APPROVE_LINK = Pattern.compile("https?://\\S+/approvals/\\S+/approve\\?\\S+");

    private ProjectCli cli;
    private String project;
    private String stack;
    private RegistryStandIn registry;
    private StripeStandIn stripe;
    private SamTemplate template;
    private JsonNode processed;
    private final Map<String, StackResourceSummary> deployed = new TreeMap<>();
    private final List<SdkClient> clients = new ArrayList<>();
    private CloudFormationClient cfn;
    private DynamoDbClient dynamoDb;
    private SqsClient sqs;
    private SnsClient sns;
    private LambdaClient lambda;
    private SfnClient sfn;
    private CloudWatchLogsClient logs;

    @BeforeAll
    void deploy() throws IOException {
        assumeTrue(
                Boolean.parseBoolean(System.getenv("CCS_SAM_DEPLOY")),
                "deploys the `sam build` output onto the AWS"
                        + " emulator: bash scripts/deploy-check.sh runs it (CI does, after `sam build`)");
        assertThat(ProjectCli.installed())
                .as("the SAM CLI and the AWS CLI in %s (scripts/install-tools.sh)", ProjectCli.TOOLS)
                .isTrue();
        assertThat(ROOT.resolve(".aws-sam/build/template.yaml"))
                .as("the output of `sam build`")
                .exists();
        URI endpoint = Emulators.aws();
        registry = RegistryStandIn.start();
        stripe = StripeStandIn.start(Emulators.stripe());
        project = "sd" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        stack = project + "-workflows";
        template = SamTemplate.load(ROOT.resolve("template.yaml"));
        cli = new ProjectCli(endpoint);
        connect(endpoint);

        ProjectCli.Result result = cli.sam(
                Duration.ofMinutes(10),
                "deploy",
                "--stack-name",
                stack,
                "--resolve-s3",
                "--s3-prefix",
                stack,
                "--no-confirm-changeset",
                "--no-fail-on-empty-changeset",
                "--capabilities",
                "CAPABILITY_IAM",
                "--no-progressbar",
                "--parameter-overrides",
                "ProjectName=" + project,
                "Environment=dev",
                "RegistryBaseUrl=" + registry.baseUrl());
        assertThat(result.ok())
                .as("sam deploy:%n%s%n%s", result.tail(), stackEvents())
                .isTrue();
        cfn.listStackResourcesPaginator(r -> r.stackName(stack))
                .stackResourceSummaries()
                .forEach(s -> deployed.put(s.logicalResourceId(), s));
        processed = JSON.readTree(cfn.getTemplate(r -> r.stackName(stack).templateStage(TemplateStage.PROCESSED))
                .templateBody());
    }

    private void connect(URI endpoint) {
        SdkHttpClient http = UrlConnectionHttpClient.builder().build();
        cfn = add(CloudFormationClient.builder()
                .httpClient(http)
                .region(REGION)
                .endpointOverride(endpoint)
                .build());
        dynamoDb = add(DynamoDbClient.builder()
                .httpClient(http)
                .region(REGION)
                .endpointOverride(endpoint)
                .build());
        sqs = add(SqsClient.builder()
                .httpClient(http)
                .region(REGION)
                .endpointOverride(endpoint)
                .build());
        sns = add(SnsClient.builder()
                .httpClient(http)
                .region(REGION)
                .endpointOverride(endpoint)
                .build());
        lambda = add(LambdaClient.builder()
                .httpClient(http)
                .region(REGION)
                .endpointOverride(endpoint)
                .build());
        sfn = add(SfnClient.builder()
                .httpClient(http)
                .region(REGION)
                .endpointOverride(endpoint)
                .overrideConfiguration(
                        c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build());
        logs = add(CloudWatchLogsClient.builder()
                .httpClient(http)
                .region(REGION)
                .endpointOverride(endpoint)
                .build());
    }

    private <T extends SdkClient> T add(T client) {
        clients.add(client);
        return client;
    }

    @AfterAll
    void delete() {
        if (cli == null) {
            return;
        }
        ProjectCli.Result result = cli.sam(Duration.ofMinutes(5), "delete", "--stack-name", stack, "--no-prompts");
        String events = result.ok() ? "" : stackEvents();
        boolean gone = cfn.listStacks().stackSummaries().stream()
                .noneMatch(s ->
                        s.stackName().equals(stack) && !s.stackStatusAsString().equals("DELETE_COMPLETE"));
        registry.close();
        stripe.close();
        clients.forEach(SdkClient::close);
        assertThat(result.ok()).as("sam delete:%n%s%n%s", result.tail(), events).isTrue();
        assertThat(gone).as("stack %s deleted", stack).isTrue();
    }

    @Test
    @Order(1)
    void everyResourceTheTemplateDeclaresIsCreated() {
        assertThat(deployed).containsKeys(template.resources().keySet().toArray(String[]::new));
        template.resourcesOfType("AWS::Serverless::Function")
                .keySet()
                .forEach(id -> assertThat(deployed).as("%s's live alias", id).containsKey(id + "Aliaslive"));
        assertThat(deployed.values())
                .allSatisfy(r -> assertThat(r.resourceStatusAsString())
                        .as(r.logicalResourceId())
                        .isIn("CREATE_COMPLETE", "UPDATE_COMPLETE"));
    }

    @Test
    @Order(2)
    void tablesQueuesTopicsAndThePipeAreConfiguredAsDeclared() throws IOException {
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, resource) -> {
            TableDescription table =
                    dynamoDb.describeTable(r -> r.tableName(physical(id))).table();
            List<String> keys = table.keySchema().stream()
                    .map(k -> k.attributeName() + " " + k.keyTypeAsString())
                    .toList();
            assertThat(keys)
                    .as("%s key", id)
                    .isEqualTo(declaredKeys(SamTemplate.properties(resource).get("KeySchema")));
            assertThat(processedProperty(id, "SSESpecification").path("SSEType").asText())
                    .as(id)
                    .isEqualTo("KMS");
            assertThat(processedProperty(id, "SSESpecification")
                            .path("KMSMasterKeyId")
                            .path("Ref")
                            .asText())
                    .isEqualTo("WorkflowsKey");
        });
        String dlqArn = queueArn(physical("EmergencyEventsDeadLetterQueue"));
        Map<QueueAttributeName, String> queue = sqs.getQueueAttributes(
                        r -> r.queueUrl(physical("EmergencyEventsQueue")).attributeNames(QueueAttributeName.ALL))
                .attributes();
        assertThat(queue.get(QueueAttributeName.FIFO_QUEUE)).isEqualTo("true");
        assertThat(queue.get(QueueAttributeName.KMS_MASTER_KEY_ID)).isNotBlank();
        JsonNode redrive = JSON.readTree(queue.get(QueueAttributeName.REDRIVE_POLICY));
        assertThat(redrive.path("deadLetterTargetArn").asText()).isEqualTo(dlqArn);
        assertThat(redrive.path("maxReceiveCount").asInt())
                .isEqualTo(
                        SamTemplate.properties(template.resources().get("EmergencyEventsQueue"))
                                                .get("RedrivePolicy")
                                        instanceof Map<?, ?> m
                                ? (Integer) m.get("maxReceiveCount")
                                : -1);
        template.resourcesOfType("AWS::SNS::Topic").keySet().forEach(id -> {
            assertThat(sns.getTopicAttributes(r -> r.topicArn(physical(id))).attributes())
                    .as(id)
                    .containsKey("TopicArn");
            assertThat(processedProperty(id, "KmsMasterKeyId").path("Ref").asText())
                    .as(id)
                    .isEqualTo("WorkflowsKey");
        });
        ProjectCli.Result pipe = cli.aws("pipes", "describe-pipe", "--name", project + "-dev-emergency-events");
        assertThat(pipe.ok()).as(pipe.tail()).isTrue();
        JsonNode described = JSON.readTree(pipe.output());
        assertThat(described.path("Source").asText()).isEqualTo(queueArn(physical("EmergencyEventsQueue")));
        assertThat(described.path("Target").asText()).isEqualTo(physical("EmergencyWorkflow"));
        assertThat(described.path("RoleArn").asText()).endsWith("/" + physical("EmergencyPipeRole"));
        // MiniStack's DescribePipe leaves the parameters out: CloudFormation's processed template shows what it got.
        assertThat(processedProperty("EmergencyEventsPipe", "SourceParameters")
                        .at("/SqsQueueParameters/BatchSize")
                        .asInt())
                .isEqualTo(1);
        assertThat(processedProperty("EmergencyEventsPipe", "TargetParameters")
                        .at("/StepFunctionStateMachineParameters/InvocationType")
                        .asText())
                .isEqualTo("REQUEST_RESPONSE");
    }

    @Test
    @Order(3)
    void functionsRunJava25WithTheirHandlerEnvironmentAndLiveAlias() {
        @SuppressWarnings("unchecked")
        Map<String, Object> globals =
                (Map<String, Object>) ((Map<String, Object>) template.root().get("Globals")).get("Function");
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, resource) -> {
            Map<String, Object> properties = SamTemplate.properties(resource);
            GetFunctionConfigurationResponse function =
                    lambda.getFunctionConfiguration(r -> r.functionName(physical(id)));
            assertThat(function.runtimeAsString()).as(id).isEqualTo("java25");
            assertThat(function.handler()).as(id).isEqualTo(properties.get("Handler"));
            assertThat(function.timeout()).as(id).isEqualTo(properties.getOrDefault("Timeout", globals.get("Timeout")));
            TreeSet<String> declared = new TreeSet<>(variables(globals).keySet());
            declared.addAll(variables(properties).keySet());
            Map<String, String> environment = function.environment().variables();
            assertThat(environment.keySet()).as("%s environment", id).containsExactlyInAnyOrderElementsOf(declared);
            assertThat(environment.values())
                    .as("%s environment values", id)
                    .noneMatch(v -> v.contains("${") || v.contains("Fn::") || v.contains("{Ref"));
            assertThat(lambda.getAlias(r -> r.functionName(physical(id)).name("live"))
                            .functionVersion())
                    .as(id)
                    .matches("\\d+");
        });
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName(physical("ApprovalRequestFunction")))
                        .environment()
                        .variables())
                .containsEntry("REMINDER_DEAD_LETTER_QUEUE_ARN", queueArn(physical("ApprovalReminderDeadLetterQueue")));
    }

    @Test
    @Order(4)
    void stateMachinesHaveFullySubstitutedDefinitionsUnderTheProjectKey() throws IOException {
        String keyId = physical("WorkflowsKey");
        for (String id :
                template.resourcesOfType("AWS::StepFunctions::StateMachine").keySet()) {
            DescribeStateMachineResponse machine = sfn.describeStateMachine(r -> r.stateMachineArn(physical(id)));
            assertThat(machine.definition()).as(id).doesNotContain("${");
            JsonNode definition = JSON.readTree(machine.definition());
            assertThat(definition.path("States").size()).as(id).isGreaterThan(5);
            assertThat(machine.typeAsString())
                    .isEqualTo(
                            SamTemplate.properties(template.resources().get(id)).get("StateMachineType"));
            assertThat(machine.encryptionConfiguration().typeAsString()).as(id).isEqualTo("CUSTOMER_MANAGED_KMS_KEY");
            assertThat(machine.encryptionConfiguration().kmsKeyId()).as(id).endsWith(keyId);
            Matcher functions = Pattern.compile("arn:aws:lambda:[^:]+:\\d+:function:([\\w-]+)(:\\w+)?")
                    .matcher(machine.definition());
            int tasks = 0;
            while (functions.find()) {
                tasks++;
                String name = functions.group(1);
                assertThat(functions.group(2))
                        .as("%s calls %s through its alias", id, name)
                        .isEqualTo(":live");
                assertThat(deployed.values())
                        .as("%s's function %s", id, name)
                        .anyMatch(r -> r.resourceType().equals("AWS::Lambda::Function")
                                && r.physicalResourceId().equals(name));
            }
            assertThat(tasks).as("Lambda tasks of %s", id).isPositive();
        }
    }

    @Test
    @Order(5)
    void logGroupsMetricFiltersAndAlarmsAreInPlace() throws IOException {
        String keyId = physical("WorkflowsKey");
        template.resourcesOfType("AWS::Logs::LogGroup").keySet().forEach(id -> {
            LogGroup group = logs.describeLogGroups(r -> r.logGroupNamePrefix(physical(id))).logGroups().stream()
                    .filter(g -> g.logGroupName().equals(physical(id)))
                    .findFirst()
                    .orElseThrow();
            assertThat(group.kmsKeyId()).as(id).endsWith(keyId);
            assertThat(group.retentionInDays()).as(id).isEqualTo(30);
        });
        List<MetricFilter> filters = logs.describeMetricFilters(
                        r -> r.logGroupName(physical("BusinessWorkflowLogGroup")))
                .metricFilters();
        template.resourcesOfType("AWS::Logs::MetricFilter")
                .forEach((id, resource) -> assertThat(filters)
                        .as(id)
                        .anySatisfy(f -> assertThat(f.filterPattern())
                                .isEqualTo(SamTemplate.properties(resource).get("FilterPattern"))));
        // Through the CLI: the Java SDK's CloudWatch client speaks Smithy RPC v2 (CBOR), which MiniStack does not.
        ProjectCli.Result described =
                cli.aws("cloudwatch", "describe-alarms", "--alarm-name-prefix", project + "-dev-");
        assertThat(described.ok()).as(described.tail()).isTrue();
        List<String> alarms = new ArrayList<>();
        JSON.readTree(described.output())
                .path("MetricAlarms")
                .forEach(a -> alarms.add(a.path("AlarmName").asText()));
        List<String> declared = template.resourcesOfType("AWS::CloudWatch::Alarm").values().stream()
                .map(a -> sub(SamTemplate.properties(a).get("AlarmName")))
                .toList();
        assertThat(alarms).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    @Order(6)
    void theModuleCommandsTakeAContractThroughTheManagersApprovalOnTheDeployedWorkflow() throws Exception {
        runTheRealHandlers();
        ProjectCli.Result secret = cli.aws(
                "secretsmanager",
                "put-secret-value",
                "--secret-id",
                physical("StripeSecret"),
                "--secret-string",
                "sk_test_" + project);
        assertThat(secret.ok()).as(secret.tail()).isTrue();
        String managerTopic = physical("ManagerTopic");
        try (TopicInbox inbox = new TopicInbox(sns, sqs, List.of(managerTopic, physical("CustomerTopic")))) {
            ObjectNode request = Runs.sample("business/manager-approved-75-vehicles.json");
            String name = "exec-deployed-" + Runs.unique();
            request.put("execution_id", name);
            Path input = Files.createTempFile("ccs-contract", ".json");
            Files.writeString(input, request.toString());

            ProjectCli.Result started = cli.aws(
                    "stepfunctions",
                    "start-execution",
                    "--state-machine-arn",
                    physical("BusinessWorkflow"),
                    "--name",
                    name,
                    "--input",
                    "file://" + input);
            assertThat(started.ok()).as(started.tail()).isTrue();
            String executionArn =
                    JSON.readTree(started.output()).path("executionArn").asText();
            var message = inbox.await(managerTopic, n -> n.message().contains(name), 1, Duration.ofMinutes(3));
            assertThat(message)
                    .as("the manager's message%n%s", history(executionArn))
                    .hasSize(1);
            Matcher link = APPROVE_LINK.matcher(message.getFirst().message());
            assertThat(link.find()).isTrue();
            var click = lambda.invoke(r -> r.functionName(physical("ApprovalCallbackFunction") + ":live")
                    .payload(SdkBytes.fromUtf8String(
                            ApprovalLinkClick.post(URI.create(link.group()), "comment=Approved+on+the+deployed+stack")
                                    .toString())));
            assertThat(JSON.readTree(click.payload().asUtf8String())
                            .path("statusCode")
                            .asInt())
                    .isEqualTo(200);

            JsonNode execution = describe(executionArn);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (execution.path("status").asText().equals("RUNNING") && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                execution = describe(executionArn);
            }
            assertThat(execution.path("status").asText())
                    .as("%s%n%s", execution, history(executionArn))
                    .isEqualTo("SUCCEEDED");
            JsonNode output = JSON.readTree(execution.path("output").asText());
            String contractId = output.at("/contractResult/contract_id").asText();
            assertThat(output.at("/contractResult/approval_type").asText()).isEqualTo("manual");
            assertThat(output.at("/paymentResult/status").asText()).isEqualTo("success");
            assertThat(output.at("/paymentResult/transaction_ids")).hasSize(16);
            assertThat(output.at("/activationResult/service_status").asText()).isEqualTo("active");
            assertThat(stripe.charges().stream()
                            .filter(c -> contractId.equals(c.metadata().get("contract_id"))))
                    .hasSize(16);

            ProjectCli.Result history =
                    cli.aws("stepfunctions", "get-execution-history", "--execution-arn", executionArn);
            assertThat(history.ok()).as(history.tail()).isTrue();
            List<String> types = new ArrayList<>();
            List<String> states = new ArrayList<>();
            JSON.readTree(history.output()).path("events").forEach(e -> {
                types.add(e.path("type").asText());
                if (e.has("stateEnteredEventDetails")) {
                    states.add(e.at("/stateEnteredEventDetails/name").asText());
                }
            });
            assertThat(types).startsWith("ExecutionStarted").endsWith("ExecutionSucceeded");
            assertThat(states).contains("Wait for Approval", "Process Payment", "Activate Service");
            ProjectCli.Result listed = cli.aws(
                    "stepfunctions",
                    "list-executions",
                    "--state-machine-arn",
                    physical("BusinessWorkflow"),
                    "--status-filter",
                    "SUCCEEDED",
                    "--max-results",
                    "10");
            assertThat(listed.ok()).as(listed.tail()).isTrue();
            assertThat(listed.output()).contains(executionArn);
        }
    }

    /** Each deployed function's code as a provided.al2023 package, published, with {@code live} moved to it. */
    private void runTheRealHandlers() {
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, resource) -> {
            String name = physical(id);
            String module = Path.of((String) SamTemplate.properties(resource).get("CodeUri"))
                    .getFileName()
                    .toString();
            GetFunctionConfigurationResponse current = lambda.getFunctionConfiguration(r -> r.functionName(name));
            Map<String, String> environment =
                    new LinkedHashMap<>(current.environment().variables());
            environment.put("AWS_ENDPOINT_URL", Emulators.aws().toString());
            environment.put("JAVA_HOME", System.getProperty("java.home"));
            if (environment.containsKey("STRIPE_SECRET_ARN")) {
                environment.put("STRIPE_API_BASE", stripe.baseUrl().toString());
            }
            byte[] zip = ProvidedRuntimePackage.of(FunctionPackages.zipOf(ROOT, module));
            lambda.updateFunctionConfiguration(r -> r.functionName(name)
                    .runtime(Runtime.PROVIDED_AL2023)
                    .snapStart(s -> s.applyOn(SnapStartApplyOn.NONE))
                    .timeout(Math.max(current.timeout(), 60))
                    .environment(e -> e.variables(environment)));
            lambda.updateFunctionCode(r -> r.functionName(name).zipFile(SdkBytes.fromByteArray(zip)));
            String version = lambda.publishVersion(r -> r.functionName(name)).version();
            lambda.updateAlias(r -> r.functionName(name).name("live").functionVersion(version));
        });
    }

    private JsonNode describe(String executionArn) throws IOException {
        ProjectCli.Result described = cli.aws("stepfunctions", "describe-execution", "--execution-arn", executionArn);
        assertThat(described.ok()).as(described.tail()).isTrue();
        return JSON.readTree(described.output());
    }

    private String history(String executionArn) {
        StringBuilder out = new StringBuilder("History:");
        sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn))
                .events()
                .forEach(e -> out.append("\n  ").append(e.id()).append(' ').append(e.typeAsString()));
        return out.toString();
    }

    private String physical(String logicalId) {
        StackResourceSummary resource = deployed.get(logicalId);
        assertThat(resource).as("stack resource %s", logicalId).isNotNull();
        return resource.physicalResourceId();
    }

    private JsonNode processedProperty(String logicalId, String property) {
        return processed.path("Resources").path(logicalId).path("Properties").path(property);
    }

    private String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    /** A {@code !Sub} of the project's names as this stack resolves it. */
    @SuppressWarnings("unchecked")
    private String sub(Object value) {
        return ((Map<String, String>) value)
                .get("Fn::Sub")
                .replace("${ProjectName}", project)
                .replace("${Environment}", "dev");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(Map<String, Object> properties) {
        Object environment = properties.get("Environment");
        return environment == null
                ? Map.of()
                : (Map<String, Object>) ((Map<String, Object>) environment).getOrDefault("Variables", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static List<String> declaredKeys(Object keySchema) {
        return ((List<Map<String, String>>) keySchema)
                .stream()
                        .map(k -> k.get("AttributeName") + " " + k.get("KeyType"))
                        .toList();
    }

    private String stackEvents() {
        try {
            StringBuilder out = new StringBuilder("Stack events of " + stack + ":");
            cfn.describeStackEventsPaginator(r -> r.stackName(stack))
                    .stackEvents()
                    .forEach(e -> out.append("\n  ")
                            .append(e.logicalResourceId())
                            .append(' ')
                            .append(e.resourceStatusAsString())
                            .append(' ')
                            .append(e.resourceStatusReason() == null ? "" : e.resourceStatusReason()));
            return out.toString();
        } catch (RuntimeException e) {
            return "No stack events of " + stack + ": " + e.getMessage();
        }
    }
}
