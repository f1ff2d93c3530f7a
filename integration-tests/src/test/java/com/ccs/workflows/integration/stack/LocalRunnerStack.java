package com.ccs.workflows.integration.stack;

import com.ccs.workflows.localrunner.api.StepFunctionsApiServer;
import com.ccs.workflows.localrunner.deployment.DeploymentOptions;
import com.ccs.workflows.localrunner.deployment.LocalDeployment;
import com.ccs.workflows.localrunner.faults.Faults;
import com.ccs.workflows.localrunner.standins.StripeStandIn;
import com.ccs.workflows.localrunner.template.ProjectResources;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * template.yaml deployed by the local runner: both state machines in its engine, served over the Step Functions
 * API on a loopback port, the functions in-process, and the AWS resources either on the embedded in-memory
 * backends or on an emulator (MiniStack, moto, LocalStack) given by its endpoint. On an emulator the resources
 * get a ProjectName of their own, so that runs sharing it never see each other's data, and are deleted at the
 * end. Stripe is the runner's test-mode stand-in, validated by stripe-mock where one is given.
 */
public final class LocalRunnerStack implements WorkflowStack {
    private final String description;
    private final URI endpoint;
    private final Faults faults = new Faults();
    private final LocalDeployment deployment;
    private final StepFunctionsApiServer api;
    private final SfnClient sfn;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final SnsClient sns;
    private final TopicInbox inbox;

    /**
     * @param endpoint an AWS emulator, or null for the embedded backends
     * @param stripeMock stripe-mock's base URL, or null
     */
    public LocalRunnerStack(String description, URI endpoint, URI stripeMock) {
        this(description, endpoint, stripeMock, null);
    }

    /**
     * @param sharedStripe another stack's Stripe stand-in, for two stacks on one Stripe account (null: its own)
     */
    public LocalRunnerStack(String description, URI endpoint, URI stripeMock, StripeStandIn sharedStripe) {
        this(description, endpoint, stripeMock, sharedStripe, Map.of());
    }

    /**
     * @param parameters template parameters to override ({@code ApprovalLanguage=auto}, ...)
     */
    public LocalRunnerStack(
            String description,
            URI endpoint,
            URI stripeMock,
            StripeStandIn sharedStripe,
            Map<String, String> parameters) {
        this.description = description;
        this.endpoint = endpoint;
        Path project = projectDir();
        DeploymentOptions options = DeploymentOptions.defaults(project)
                .withFunctionLog(new PrintStream(OutputStream.nullOutputStream()))
                .withStripeValidator(stripeMock)
                .withFaults(faults);
        if (sharedStripe != null) {
            options = options.withStripe(sharedStripe);
        }
        Map<String, String> overrides = new HashMap<>(parameters);
        if (endpoint != null) {
            String name = "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            overrides.put("ProjectName", name);
            options = options.withEndpoint(endpoint);
        }
        if (!overrides.isEmpty()) {
            options = options.withParameters(overrides);
        }
        this.deployment = LocalDeployment.start(options);
        deployment.stateMachines().values().forEach(deployment::warmFor);
        try {
            this.api = StepFunctionsApiServer.start(deployment.engine(), 0);
        } catch (IOException e) {
            deployment.close();
            throw new UncheckedIOException(e);
        }
        URI aws = deployment.endpoint();
        var http = UrlConnectionHttpClient.builder().build();
        // StartSyncExecution's "sync-" host prefix would not resolve on loopback.
        this.sfn = SfnClient.builder()
                .httpClient(http)
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + api.port()))
                .overrideConfiguration(
                        c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
        this.dynamoDb = DynamoDbClient.builder()
                .httpClient(http)
                .region(Region.US_EAST_1)
                .endpointOverride(aws)
                .build();
        this.sqs = SqsClient.builder()
                .httpClient(http)
                .region(Region.US_EAST_1)
                .endpointOverride(aws)
                .build();
        this.sns = SnsClient.builder()
                .httpClient(http)
                .region(Region.US_EAST_1)
                .endpointOverride(aws)
                .build();
        this.inbox = new TopicInbox(sns, sqs, List.copyOf(deployment.topics().values()));
    }

    /** The repository root (system property ccs.project.dir, set by the pom). */
    public static Path projectDir() {
        return Path.of(System.getProperty("ccs.project.dir", ".."))
                .toAbsolutePath()
                .normalize();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public SfnClient sfn() {
        return sfn;
    }

    @Override
    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    @Override
    public SqsClient sqs() {
        return sqs;
    }

    @Override
    public String stateMachineArn(String workflow) {
        return deployment.stateMachine(workflow).arn();
    }

    @Override
    public String tableName(String logicalId) {
        return deployment.tableName(logicalId);
    }

    @Override
    public String queueUrl(String logicalId) {
        return deployment.resolver().resolveString(Map.of("Ref", logicalId));
    }

    @Override
    public String topicArn(String logicalId) {
        return deployment.topicArn(logicalId);
    }

    @Override
    public TopicInbox inbox() {
        return inbox;
    }

    /** The runner's Step Functions API (what {@code local-runner/run serve} serves), for clients other than the SDK's. */
    public URI stepFunctionsEndpoint() {
        return URI.create("http://127.0.0.1:" + api.port());
    }

    @Override
    public URI httpApi() {
        return deployment.httpApi().baseUrl();
    }

    @Override
    public Optional<LocalControls> controls() {
        return Optional.of(new LocalControls(deployment, faults));
    }

    @Override
    public void close() {
        inbox.close();
        api.close();
        deployment.close();
        if (endpoint != null) {
            deleteResources();
        }
        sfn.close();
        dynamoDb.close();
        sqs.close();
        sns.close();
    }

    /** Deletes what the deployment created on the emulator. */
    private void deleteResources() {
        ProjectResources.tables(deployment.resolver()).forEach(t -> dynamoDb.deleteTable(r -> r.tableName(t.name())));
        deployment.topics().values().forEach(arn -> sns.deleteTopic(r -> r.topicArn(arn)));
        ProjectResources.queues(deployment.resolver())
                .forEach(q -> sqs.deleteQueue(r ->
                        r.queueUrl(sqs.getQueueUrl(g -> g.queueName(q.name())).queueUrl())));
        try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.builder().build())
                .endpointOverride(endpoint)
                .build()) {
            ProjectResources.secrets(deployment.resolver())
                    .forEach(s -> secrets.deleteSecret(r -> r.secretId(s.name()).forceDeleteWithoutRecovery(true)));
        }
    }
}
