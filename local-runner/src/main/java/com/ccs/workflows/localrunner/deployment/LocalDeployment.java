package com.ccs.workflows.localrunner.deployment;

import com.ccs.workflows.localrunner.backend.AwsServiceException;
import com.ccs.workflows.localrunner.backend.EmbeddedAws;
import com.ccs.workflows.localrunner.clock.RunnerClock;
import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.EngineConfig;
import com.ccs.workflows.localrunner.engine.EngineException;
import com.ccs.workflows.localrunner.engine.StateMachine;
import com.ccs.workflows.localrunner.engine.StateMachineType;
import com.ccs.workflows.localrunner.faults.ForwardingEndpoint;
import com.ccs.workflows.localrunner.integrations.AwsServiceCalls;
import com.ccs.workflows.localrunner.integrations.ProjectTaskInvoker;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.lambda.FunctionPackages;
import com.ccs.workflows.localrunner.lambda.FunctionRegistry;
import com.ccs.workflows.localrunner.lambda.InProcessFunction;
import com.ccs.workflows.localrunner.standins.HttpApiStandIn;
import com.ccs.workflows.localrunner.standins.QueuePipe;
import com.ccs.workflows.localrunner.standins.RegistryStandIn;
import com.ccs.workflows.localrunner.standins.StandInWiring;
import com.ccs.workflows.localrunner.standins.StripeStandIn;
import com.ccs.workflows.localrunner.tasks.CallbackRegistry;
import com.ccs.workflows.localrunner.template.FunctionSpec;
import com.ccs.workflows.localrunner.template.ProjectResources;
import com.ccs.workflows.localrunner.template.SamTemplate;
import com.ccs.workflows.localrunner.template.TemplateResolver;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One local deployment of template.yaml: the tables, topics, queues and secrets created on the endpoint (the
 * embedded backends by default, any emulator or AWS with an endpoint URL) through one path
 * ({@link DeployedResources}), the template's functions loaded in-process from their zips with their environment
 * (pointed at the stand-ins as {@link StandInWiring} declares), the company registry, HTTP API and Stripe
 * stand-ins, and the state machines created in an {@link Engine} with their DefinitionSubstitutions applied.
 */
public final class LocalDeployment implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";

    private final DeploymentOptions options;
    private final TemplateResolver resolver;
    private final EmbeddedAws embedded;
    private final URI endpoint;
    private final RegistryStandIn registry;
    private final StripeStandIn stripe;
    private final RunnerClock clock = new RunnerClock();
    private final FunctionRegistry functions = new FunctionRegistry();
    private final DeployedResources resources;
    private final ForwardingEndpoint forwarding;
    private final DynamoDbClient dynamoDb;
    private final TopicTap tap;
    private final BackendContents contents;
    private final AwsServiceCalls services;
    private final ProjectTaskInvoker invoker;
    private final HttpApiStandIn httpApi;
    private final FunctionWarmup warmup;
    private final Engine engine;
    private final Map<String, StateMachine> machines = new LinkedHashMap<>();
    private final Duration deployTime;
    private final List<QueuePipe> pipes = new ArrayList<>();
    private SqsClient pipeSqs;

    private LocalDeployment(DeploymentOptions options) throws IOException {
        long start = System.nanoTime();
        this.options = options;
        useDummyCredentialsIfNoneConfigured();
        SamTemplate template = SamTemplate.load(options.projectDir().resolve("template.yaml"));
        this.resolver = new TemplateResolver(template, options.parameters(), REGION, ACCOUNT);
        this.embedded = options.endpoint() == null ? EmbeddedAws.start() : null;
        this.endpoint = embedded == null ? options.endpoint() : embedded.endpoint();
        this.registry = RegistryStandIn.start();
        // The stand-in's created times follow the runner's clock, which runs ahead of the wall clock after a jump.
        this.stripe = options.sharedStripe() != null
                ? options.sharedStripe()
                : options.stripeBaseUrl() == null ? StripeStandIn.start(options.stripeValidator(), clock::now) : null;

        SdkHttpClient http =
                embedded == null ? UrlConnectionHttpClient.builder().build() : null;
        try (ResourceTarget target =
                embedded != null ? new EmbeddedResources(embedded) : new EndpointResources(http, endpoint, REGION)) {
            this.resources = DeployedResources.create(resolver, target);
        }
        // On an endpoint (or with faults) the functions' calls take an HTTP hop of the runner's, so that their Step
        // Functions calls reach this engine and the faults apply.
        this.forwarding = embedded == null || options.faults() != null
                ? ForwardingEndpoint.start(endpoint, this::stepFunctionsCall, options.faults())
                : null;
        this.dynamoDb = http == null
                ? null
                : DynamoDbClient.builder()
                        .httpClient(http)
                        .endpointOverride(endpoint)
                        .region(Region.of(REGION))
                        .build();
        this.tap = http == null ? null : topicTap(http);
        this.contents = new BackendContents(resources.tables(), embedded, dynamoDb, tap, stripe);

        // With faults, the state machines' integrations take the same HTTP hop as the functions' calls.
        this.services = options.faults() == null
                ? new AwsServiceCalls(
                        endpoint,
                        embedded,
                        REGION,
                        () -> DefaultCredentialsProvider.builder().build())
                : new AwsServiceCalls(
                        forwarding.uri(),
                        null,
                        REGION,
                        () -> DefaultCredentialsProvider.builder().build());
        this.invoker = new ProjectTaskInvoker(functions, services, clock);
        this.httpApi = HttpApiStandIn.start(ProjectResources.lambdaRoutes(resolver), functions::byLogicalId, ACCOUNT);
        this.warmup = new FunctionWarmup(functions, services);
        loadFunctions();
        this.engine = new Engine(new EngineConfig(clock, invoker, new CallbackRegistry(), REGION, ACCOUNT));
        for (ProjectResources.StateMachineSpec spec : ProjectResources.stateMachines(resolver)) {
            StateMachineType type = StateMachineType.valueOf(spec.type().toUpperCase(Locale.ROOT));
            deploy(spec.logicalId(), spec.name(), spec.definition(), type);
        }
        if (embedded != null) {
            embedded.stepFunctions(this::stepFunctionsCall);
        }
        httpApi.routeToStateMachines(engine, ProjectResources.startRoutes(resolver));
        this.deployTime = Duration.ofNanos(System.nanoTime() - start);
    }

    /** Deploys the project at {@code options.projectDir()}. */
    public static LocalDeployment start(DeploymentOptions options) {
        try {
            return new LocalDeployment(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** On an endpoint the runner reads the topics' messages from a queue of its own subscribed to them. */
    private TopicTap topicTap(SdkHttpClient http) {
        SqsClient tapQueue = SqsClient.builder()
                .httpClient(http)
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .build();
        try (SnsClient sns = SnsClient.builder()
                .httpClient(http)
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .build()) {
            return new TopicTap(
                    sns,
                    tapQueue,
                    resources.topicArns().values(),
                    resolver.parameters().getOrDefault("ProjectName", "ccs"));
        }
    }

    private void loadFunctions() {
        Map<String, String> common = new LinkedHashMap<>();
        common.put("AWS_ENDPOINT_URL", (forwarding == null ? endpoint : forwarding.uri()).toString());
        common.put("AWS_REGION", REGION);
        common.put("AWS_DEFAULT_REGION", REGION);
        common.put("AWS_ACCESS_KEY_ID", "test");
        common.put("AWS_SECRET_ACCESS_KEY", "test");
        for (FunctionSpec spec : ProjectResources.functions(resolver)) {
            Map<String, String> env = StandInWiring.rewire(spec.environment(), this::standInUrl);
            env.putAll(common);
            Path zip = FunctionPackages.zipOf(options.projectDir(), spec.module());
            // The functions read the runner's clock, so an approval window the runner let run out is closed for them
            // too.
            functions.add(new InProcessFunction(
                    spec,
                    () -> FunctionPackages.classPath(zip),
                    env,
                    options.functionLog(),
                    options.faults(),
                    clock.forFunctions()));
        }
        if (options.warm()) {
            warmup.all().join();
        }
    }

    private URI standInUrl(StandInWiring.StandIn standIn) {
        return switch (standIn) {
            case COMPANY_REGISTRY -> registry.baseUrl();
            case HTTP_API -> httpApi.baseUrl();
            case STRIPE -> stripeBaseUrl();
        };
    }

    /**
     * Initialises a container of each function a state machine's definition refers to, ahead of its first
     * invocation ({@link FunctionWarmup}). Returns the time it took.
     */
    public Duration warmFor(StateMachine machine) {
        long start = System.nanoTime();
        warmForAsync(machine).join();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Like {@link #warmFor}, in the background: the execution can start meanwhile, and an invocation of a function
     * still initialising waits for it (the CLI's fast path; the tests wait for the warm-up first).
     */
    public CompletableFuture<Void> warmForAsync(StateMachine machine) {
        return warmup.forMachine(machine);
    }

    /**
     * Starts the template's pipes from SQS queues to the state machines (the emergency events queue), each with
     * {@code concurrency} pollers, until {@link #close}. Emulators such as MiniStack have no such pipe; here it
     * works on any endpoint.
     */
    public synchronized List<QueuePipe> startPipes(int concurrency) {
        if (!pipes.isEmpty()) {
            return List.copyOf(pipes);
        }
        // With faults, the pipe's own SQS calls take the fault hop too (a lost delete means a redelivery).
        pipeSqs = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .endpointOverride(options.faults() == null ? endpoint : forwarding.uri())
                .region(Region.of(REGION))
                .build();
        for (ProjectResources.PipeSpec spec : ProjectResources.pipes(resolver)) {
            String queueName = spec.queueArn().substring(spec.queueArn().lastIndexOf(':') + 1);
            String queueUrl = pipeSqs.getQueueUrl(r -> r.queueName(queueName)).queueUrl();
            pipes.add(new QueuePipe(spec, pipeSqs, queueUrl, engine, concurrency));
        }
        return List.copyOf(pipes);
    }

    /** AWSStepFunctions.* calls from the functions (the approval callback's SendTaskSuccess) reach the engine. */
    private JsonNode stepFunctionsCall(String operation, JsonNode request) {
        try {
            switch (operation) {
                case "SendTaskSuccess" ->
                    engine.sendTaskSuccess(
                            request.path("taskToken").asText(),
                            request.path("output").asText());
                case "SendTaskFailure" ->
                    engine.sendTaskFailure(
                            request.path("taskToken").asText(),
                            request.path("error").asText(null),
                            request.path("cause").asText(null));
                case "SendTaskHeartbeat" ->
                    engine.sendTaskHeartbeat(request.path("taskToken").asText());
                default -> throw AwsServiceException.unsupported("Step Functions (from a function)", operation);
            }
        } catch (EngineException e) {
            throw new AwsServiceException(e.code(), 400, e.getMessage());
        }
        return Json.object();
    }

    /** The SDK (in this JVM and in every function) needs credentials; an emulator accepts any. */
    private static void useDummyCredentialsIfNoneConfigured() {
        boolean configured = System.getenv("AWS_ACCESS_KEY_ID") != null
                || System.getenv("AWS_PROFILE") != null
                || System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null
                || System.getProperty("aws.accessKeyId") != null
                || Files.exists(Path.of(System.getProperty("user.home"), ".aws", "credentials"));
        if (!configured) {
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
        }
    }

    // ---- what a run reads

    public Engine engine() {
        return engine;
    }

    public RunnerClock clock() {
        return clock;
    }

    public ProjectTaskInvoker invoker() {
        return invoker;
    }

    public FunctionRegistry functions() {
        return functions;
    }

    public TemplateResolver resolver() {
        return resolver;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The embedded backends, or null when an endpoint URL was given. */
    public EmbeddedAws embedded() {
        return embedded;
    }

    /** The approval links' HTTP API on this machine. */
    public HttpApiStandIn httpApi() {
        return httpApi;
    }

    public RegistryStandIn registry() {
        return registry;
    }

    /** The Stripe stand-in (this deployment's or the shared one), or null when a Stripe base URL was given. */
    public StripeStandIn stripe() {
        return stripe;
    }

    public URI stripeBaseUrl() {
        return stripe == null ? options.stripeBaseUrl() : stripe.baseUrl();
    }

    public Duration deployTime() {
        return deployTime;
    }

    public Map<String, StateMachine> stateMachines() {
        return Map.copyOf(machines);
    }

    /** The state machine for a workflow name: {@code emergency}, {@code business}, a logical id or a name. */
    public StateMachine stateMachine(String workflow) {
        String wanted = workflow.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, StateMachine> e : machines.entrySet()) {
            String logical = e.getKey().toLowerCase(Locale.ROOT);
            if (logical.equals(wanted) || e.getValue().name().equals(workflow) || logical.startsWith(wanted)) {
                return e.getValue();
            }
        }
        throw new IllegalArgumentException(
                "No state machine '" + workflow + "' in template.yaml (state machines: " + machines.keySet() + ")");
    }

    /** Creates another state machine in the engine (the CLI's {@code execute}), under {@code logicalId}. */
    public StateMachine deploy(String logicalId, String name, String definition, StateMachineType type) {
        StateMachine machine = engine.createStateMachine(
                name, definition, type, "arn:aws:iam::" + ACCOUNT + ":role/" + logicalId + "Role");
        machines.put(logicalId, machine);
        return machine;
    }

    public String tableName(String logicalId) {
        return resources.tableName(logicalId);
    }

    public String topicArn(String logicalId) {
        return resources.topicArn(logicalId);
    }

    /** Topic logical id to ARN. */
    public Map<String, String> topics() {
        return resources.topicArns();
    }

    // ---- side effects

    /** What the backends hold now, to diff after a run. */
    BackendContents.Snapshot snapshot() {
        return contents.snapshot();
    }

    SideEffects since(BackendContents.Snapshot before) {
        return contents.since(before);
    }

    /**
     * Every message published to the deployment's topics so far: the embedded SNS's record, or what the runner's
     * queue subscribed to the topics received (read at most every 100 ms unless {@code now}).
     */
    public List<TopicMessage> messages(boolean now) {
        return contents.messages(now);
    }

    @Override
    public void close() {
        pipes.forEach(QueuePipe::close);
        if (pipeSqs != null) {
            pipeSqs.close();
        }
        engine.close();
        invoker.close();
        functions.close();
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        registry.close();
        httpApi.close();
        if (stripe != null && stripe != options.sharedStripe()) {
            stripe.close();
        }
        if (embedded != null) {
            embedded.close();
        }
        if (forwarding != null) {
            forwarding.close();
        }
        if (tap != null) {
            tap.close();
        }
    }
}
