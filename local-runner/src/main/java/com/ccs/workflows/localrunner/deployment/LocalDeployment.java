package com.ccs.workflows.localrunner.deployment;

import com.ccs.workflows.localrunner.backend.AwsServiceException;
import com.ccs.workflows.localrunner.backend.EmbeddedAws;
import com.ccs.workflows.localrunner.backend.Published;
import com.ccs.workflows.localrunner.clock.RunnerClock;
import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.EngineConfig;
import com.ccs.workflows.localrunner.engine.EngineException;
import com.ccs.workflows.localrunner.engine.StateMachine;
import com.ccs.workflows.localrunner.engine.StateMachineType;
import com.ccs.workflows.localrunner.faults.Faults;
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
import com.ccs.workflows.localrunner.standins.StripeStandIn;
import com.ccs.workflows.localrunner.tasks.CallbackRegistry;
import com.ccs.workflows.localrunner.template.FunctionSpec;
import com.ccs.workflows.localrunner.template.ProjectResources;
import com.ccs.workflows.localrunner.template.SamTemplate;
import com.ccs.workflows.localrunner.template.TemplateResolver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One local deployment of template.yaml: the tables, topics, queues and secrets created on the endpoint (the
 * embedded backends by default, any emulator or AWS with an endpoint URL), the template's functions loaded
 * in-process from their zips with their environment, the company registry and Stripe stand-ins, and both state
 * machines created in an {@link Engine} with their DefinitionSubstitutions applied.
 */
public final class LocalDeployment implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";

    /**
     * How to deploy.
     *
     * @param endpoint an AWS endpoint for every AWS call (state machines and functions alike), null for the
     *     embedded backends
     * @param stripeBaseUrl Stripe's API base for process-payment (e.g. stripe-mock), null for the stand-in
     * @param stripeValidator a Stripe API (stripe-mock) the stand-in first sends every request to, so that
     *     requests Stripe's API definition refuses are refused; null for none. Ignored with {@code stripeBaseUrl}.
     * @param warm initialise a container of every function at deploy time (see {@link #warmFor})
     * @param functionLog where the functions' Lambda logger lines go
     * @param faults faults to inject into AWS calls and function invocations, null for none
     * @param sharedStripe a Stripe stand-in another deployment started, used instead of one of this deployment's
     *     own (two stacks on one Stripe account) and left open at close; null for none. {@code stripeBaseUrl} and
     *     {@code stripeValidator} are ignored with it.
     */
    public record Options(
            Path projectDir,
            URI endpoint,
            URI stripeBaseUrl,
            URI stripeValidator,
            Map<String, String> parameters,
            boolean warm,
            PrintStream functionLog,
            Faults faults,
            StripeStandIn sharedStripe) {

        public static Options defaults(Path projectDir) {
            return new Options(projectDir, null, null, null, Map.of(), false, System.err, null, null);
        }

        public Options withEndpoint(URI newEndpoint) {
            return new Options(
                    projectDir,
                    newEndpoint,
                    stripeBaseUrl,
                    stripeValidator,
                    parameters,
                    warm,
                    functionLog,
                    faults,
                    sharedStripe);
        }

        public Options withStripeBaseUrl(URI url) {
            return new Options(
                    projectDir, endpoint, url, stripeValidator, parameters, warm, functionLog, faults, sharedStripe);
        }

        public Options withStripeValidator(URI url) {
            return new Options(
                    projectDir, endpoint, stripeBaseUrl, url, parameters, warm, functionLog, faults, sharedStripe);
        }

        /**
         * Process-payment talks to {@code shared}, the stand-in another deployment started
         * ({@link LocalDeployment#stripe()}): one Stripe account for both, its {@code created} times on the clock of
         * the deployment that started it.
         */
        public Options withStripe(StripeStandIn shared) {
            return new Options(
                    projectDir,
                    endpoint,
                    stripeBaseUrl,
                    stripeValidator,
                    parameters,
                    warm,
                    functionLog,
                    faults,
                    shared);
        }

        public Options withParameters(Map<String, String> newParameters) {
            return new Options(
                    projectDir,
                    endpoint,
                    stripeBaseUrl,
                    stripeValidator,
                    newParameters,
                    warm,
                    functionLog,
                    faults,
                    sharedStripe);
        }

        public Options withWarm(boolean newWarm) {
            return new Options(
                    projectDir,
                    endpoint,
                    stripeBaseUrl,
                    stripeValidator,
                    parameters,
                    newWarm,
                    functionLog,
                    faults,
                    sharedStripe);
        }

        public Options withFunctionLog(PrintStream log) {
            return new Options(
                    projectDir, endpoint, stripeBaseUrl, stripeValidator, parameters, warm, log, faults, sharedStripe);
        }

        public Options withFaults(Faults newFaults) {
            return new Options(
                    projectDir,
                    endpoint,
                    stripeBaseUrl,
                    stripeValidator,
                    parameters,
                    warm,
                    functionLog,
                    newFaults,
                    sharedStripe);
        }
    }

    private final Options options;
    private final TemplateResolver resolver;
    private final EmbeddedAws embedded;
    private final URI endpoint;
    private final RegistryStandIn registry;
    private final StripeStandIn stripe;
    private final RunnerClock clock = new RunnerClock();
    private final FunctionRegistry functions = new FunctionRegistry();
    private final ProjectTaskInvoker invoker;
    private final AwsServiceCalls services;
    private final Engine engine;
    private final DynamoDbClient dynamoDb;
    private final List<ProjectResources.TableSpec> tables;
    private final Map<String, String> topicArns = new LinkedHashMap<>();
    private final Map<String, StateMachine> machines = new LinkedHashMap<>();
    private final Duration deployTime;
    private ForwardingEndpoint forwarding;
    private final HttpApiStandIn httpApi;
    private TopicTap tap;
    private final List<QueuePipe> pipes = new ArrayList<>();
    private SqsClient pipeSqs;

    private LocalDeployment(Options options) throws IOException {
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

        this.tables = ProjectResources.tables(resolver);
        if (embedded != null) {
            this.dynamoDb = null;
            createInMemory();
            if (options.faults() != null) {
                this.forwarding = ForwardingEndpoint.start(endpoint, this::stepFunctionsCall, options.faults());
            }
        } else {
            var http = UrlConnectionHttpClient.builder().build();
            this.dynamoDb = DynamoDbClient.builder()
                    .httpClient(http)
                    .endpointOverride(endpoint)
                    .region(Region.of(REGION))
                    .build();
            createOnEndpoint(http);
            this.forwarding = ForwardingEndpoint.start(endpoint, this::stepFunctionsCall, options.faults());
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
                this.tap = new TopicTap(
                        sns, tapQueue, topicArns.values(), resolver.parameters().getOrDefault("ProjectName", "ccs"));
            }
        }

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
        this.httpApi = HttpApiStandIn.start(() -> functions
                .byHandler("ApprovalCallbackHandler")
                .orElseThrow(() -> new IllegalStateException("template.yaml has no ApprovalCallbackHandler function")));
        loadFunctions();
        this.engine = new Engine(new EngineConfig(clock, invoker, new CallbackRegistry(), REGION, ACCOUNT));
        for (ProjectResources.StateMachineSpec spec : ProjectResources.stateMachines(resolver)) {
            StateMachineType type = StateMachineType.valueOf(spec.type().toUpperCase(Locale.ROOT));
            machines.put(
                    spec.logicalId(),
                    engine.createStateMachine(
                            spec.name(),
                            spec.definition(),
                            type,
                            "arn:aws:iam::" + ACCOUNT + ":role/" + spec.logicalId() + "Role"));
        }
        if (embedded != null) {
            embedded.stepFunctions(this::stepFunctionsCall);
        }
        httpApi.routeToStateMachines(engine, ProjectResources.startRoutes(resolver));
        this.deployTime = Duration.ofNanos(System.nanoTime() - start);
    }

    /** Deploys the project at {@code options.projectDir()}. */
    public static LocalDeployment start(Options options) {
        try {
            return new LocalDeployment(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The embedded backends are in this JVM: create the resources directly, without an SDK round trip. */
    private void createInMemory() {
        for (ProjectResources.TableSpec table : tables) {
            ObjectNode request = Json.object().put("TableName", table.name()).put("BillingMode", "PAY_PER_REQUEST");
            request.set("AttributeDefinitions", Json.MAPPER.valueToTree(table.attributeDefinitions()));
            request.set("KeySchema", Json.MAPPER.valueToTree(table.keySchema()));
            if (!table.globalSecondaryIndexes().isEmpty()) {
                request.set("GlobalSecondaryIndexes", Json.MAPPER.valueToTree(table.globalSecondaryIndexes()));
            }
            embedded.dynamoDb().handle("CreateTable", request);
        }
        for (ProjectResources.TopicSpec topic : ProjectResources.topics(resolver)) {
            String arn = embedded.sns().createTopic(topic.name());
            resolver.bind(topic.logicalId(), arn);
            topicArns.put(topic.logicalId(), arn);
        }
        for (ProjectResources.QueueSpec queue : ProjectResources.queues(resolver)) {
            ObjectNode request = Json.object().put("QueueName", queue.name());
            request.set("Attributes", Json.MAPPER.valueToTree(queue.attributes()));
            resolver.bind(
                    queue.logicalId(),
                    embedded.sqs()
                            .handle("CreateQueue", request)
                            .path("QueueUrl")
                            .asText());
        }
        for (ProjectResources.SecretSpec secret : ProjectResources.secrets(resolver)) {
            resolver.bind(secret.logicalId(), embedded.secrets().put(secret.name(), localSecretValue(secret)));
        }
    }

    /** An emulator or AWS: the resources are created through the SDK, reusing those that already exist. */
    private void createOnEndpoint(software.amazon.awssdk.http.SdkHttpClient http) {
        createTables();
        try (SnsClient sns = SnsClient.builder()
                .httpClient(http)
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .build()) {
            for (ProjectResources.TopicSpec topic : ProjectResources.topics(resolver)) {
                String arn = sns.createTopic(r -> r.name(topic.name())).topicArn();
                resolver.bind(topic.logicalId(), arn);
                topicArns.put(topic.logicalId(), arn);
            }
        }
        try (SqsClient sqs = SqsClient.builder()
                .httpClient(http)
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .build()) {
            for (ProjectResources.QueueSpec queue : ProjectResources.queues(resolver)) {
                Map<QueueAttributeName, String> attributes = new HashMap<>();
                queue.attributes().forEach((k, v) -> attributes.put(QueueAttributeName.fromValue(k), v));
                resolver.bind(
                        queue.logicalId(),
                        sqs.createQueue(r -> r.queueName(queue.name()).attributes(attributes))
                                .queueUrl());
            }
        }
        try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                .httpClient(http)
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .build()) {
            for (ProjectResources.SecretSpec secret : ProjectResources.secrets(resolver)) {
                String value = localSecretValue(secret);
                String arn;
                try {
                    arn = secrets.createSecret(r -> r.name(secret.name()).secretString(value))
                            .arn();
                } catch (ResourceExistsException e) {
                    arn = secrets.putSecretValue(r -> r.secretId(secret.name()).secretString(value))
                            .arn();
                }
                resolver.bind(secret.logicalId(), arn);
            }
        }
        try (SchedulerClient scheduler = SchedulerClient.builder()
                .httpClient(http)
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .build()) {
            for (String group : ProjectResources.scheduleGroups(resolver)) {
                try {
                    scheduler.createScheduleGroup(r -> r.name(group));
                } catch (ConflictException e) {
                    // already there from an earlier run
                }
            }
        }
    }

    private void createTables() {
        for (ProjectResources.TableSpec table : tables) {
            try {
                dynamoDb.createTable(r -> {
                    r.tableName(table.name())
                            .billingMode(BillingMode.PAY_PER_REQUEST)
                            .attributeDefinitions(table.attributeDefinitions().stream()
                                    .map(a -> AttributeDefinition.builder()
                                            .attributeName(
                                                    a.get("AttributeName").toString())
                                            .attributeType(
                                                    a.get("AttributeType").toString())
                                            .build())
                                    .toList())
                            .keySchema(keySchema(table.keySchema()));
                    if (!table.globalSecondaryIndexes().isEmpty()) {
                        r.globalSecondaryIndexes(table.globalSecondaryIndexes().stream()
                                .map(g -> GlobalSecondaryIndex.builder()
                                        .indexName(g.get("IndexName").toString())
                                        .keySchema(keySchema(castList(g.get("KeySchema"))))
                                        .projection(Projection.builder()
                                                .projectionType(ProjectionType.fromValue(
                                                        String.valueOf(SamTemplate.map(g.get("Projection"))
                                                                .getOrDefault("ProjectionType", "ALL"))))
                                                .build())
                                        .build())
                                .toList());
                    }
                });
            } catch (ResourceInUseException e) {
                // an emulator that already has the table (an earlier run): reuse it
            }
        }
    }

    private void loadFunctions() {
        List<FunctionSpec> specs = ProjectResources.functions(resolver);
        Map<String, String> common = new LinkedHashMap<>();
        // On an external endpoint (or with faults) the functions go through the forwarding endpoint, so that their
        // Step Functions calls reach this engine.
        common.put("AWS_ENDPOINT_URL", (forwarding == null ? endpoint : forwarding.uri()).toString());
        common.put("AWS_REGION", REGION);
        common.put("AWS_DEFAULT_REGION", REGION);
        common.put("AWS_ACCESS_KEY_ID", "test");
        common.put("AWS_SECRET_ACCESS_KEY", "test");
        for (FunctionSpec spec : specs) {
            Map<String, String> env = new LinkedHashMap<>(spec.environment());
            env.putAll(common);
            if (env.containsKey("REGISTRY_BASE_URL")) {
                env.put("REGISTRY_BASE_URL", registry.baseUrl().toString());
            }
            if (env.containsKey("APPROVAL_BASE_URL")) {
                env.put("APPROVAL_BASE_URL", httpApi.baseUrl().toString()); // links that work on this machine
            }
            if (env.containsKey("STRIPE_SECRET_ARN")) {
                env.put("STRIPE_API_BASE", stripeBaseUrl().toString());
            }
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
            warm(functions.all().stream().toList()).join();
        }
    }

    /**
     * Initialises a container of each function a state machine's definition refers to, ahead of its first
     * invocation: the template enables SnapStart on the published versions the state machines call, so on AWS
     * the initialisation happens at publish time, not inside a Task's TimeoutSeconds. Returns the time it took.
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
        warmServiceCalls();
        return warm(functions.all().stream()
                .filter(f -> machine.definitionText().contains(f.spec().aliasArn())
                        || machine.definitionText().contains(f.spec().arn() + "\"")
                        || machine.definitionText().contains("\"" + f.spec().name() + "\""))
                .toList());
    }

    /**
     * Makes one harmless call through the path the state machines' service integrations take (HTTP client, signer,
     * the fault hop), as Step Functions' own integrations are always warm: the first notification of a run must not
     * pay for that within its TimeoutSeconds.
     */
    private void warmServiceCalls() {
        try {
            services.call("aws-sdk:sns", "listTopics", Json.object());
            services.call("aws-sdk:dynamodb", "listTables", Json.object());
        } catch (RuntimeException e) {
            // the first real call reports whatever is wrong with the endpoint
        }
    }

    /** Initialises one container of each function, a few at a time. */
    private static CompletableFuture<Void> warm(List<InProcessFunction> all) {
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
                Thread.ofPlatform().daemon().factory());
        List<CompletableFuture<Void>> inits = new ArrayList<>();
        for (InProcessFunction function : all) {
            inits.add(function.warmAsync(pool).exceptionally(e -> null)); // the first invocation reports it
        }
        pool.shutdown();
        return CompletableFuture.allOf(inits.toArray(CompletableFuture[]::new));
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

    private static String localSecretValue(ProjectResources.SecretSpec secret) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        if (secret.name().toLowerCase(Locale.ROOT).contains("stripe")) {
            // letters and digits only after sk_test_: stripe-mock refuses anything else
            return "sk_test_local" + text.replace("-", "").replace("_", "");
        }
        return text + text; // the approval link signing key: 86 characters, over the 32 bytes required
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
        return tables.stream()
                .filter(t -> t.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + logicalId))
                .name();
    }

    public String topicArn(String logicalId) {
        return Objects.requireNonNull(topicArns.get(logicalId), () -> "no topic " + logicalId);
    }

    /** Topic ARN to logical id, for the report. */
    public Map<String, String> topics() {
        return Map.copyOf(topicArns);
    }

    // ---- side effects

    /** What the backends hold now, to diff after a run. */
    public Snapshot snapshot() {
        Map<String, Map<String, JsonNode>> items = new LinkedHashMap<>();
        for (ProjectResources.TableSpec table : tables) {
            Map<String, JsonNode> byKey = new LinkedHashMap<>();
            for (JsonNode item : scan(table)) {
                byKey.put(Json.write(key(table, item)), item);
            }
            items.put(table.name(), byKey);
        }
        return new Snapshot(
                items,
                messages(true).size(),
                embedded == null ? 0 : embedded.recorded().iotMessages().size(),
                embedded == null ? 0 : embedded.recorded().schedules().size(),
                stripe == null ? 0 : stripe.charges().size(),
                stripe == null ? 0 : stripe.refunds().size());
    }

    /** The backends' content at one moment (items in plain JSON, per table and key). */
    public record Snapshot(
            Map<String, Map<String, JsonNode>> items,
            int messages,
            int iotMessages,
            int schedules,
            int charges,
            int refunds) {}

    public SideEffects since(Snapshot before) {
        Snapshot after = snapshot();
        List<SideEffects.ItemWrite> writes = new ArrayList<>();
        for (ProjectResources.TableSpec table : tables) {
            Map<String, JsonNode> old = before.items().getOrDefault(table.name(), Map.of());
            after.items().get(table.name()).forEach((key, item) -> {
                JsonNode previous = old.get(key);
                if (!item.equals(previous)) {
                    writes.add(new SideEffects.ItemWrite(table.name(), key(table, item), previous, item));
                }
            });
        }
        List<SideEffects.Message> messages = new ArrayList<>();
        List<SideEffects.Message> iot = new ArrayList<>();
        List<SideEffects.Message> schedules = new ArrayList<>();
        messages(true).stream()
                .skip(before.messages())
                .forEach(m -> messages.add(new SideEffects.Message(m.topicArn(), m.subject(), m.body())));
        if (embedded != null) {
            embedded.recorded().iotMessages().stream()
                    .skip(before.iotMessages())
                    .forEach(m -> iot.add(message(m)));
            embedded.recorded().schedules().stream().skip(before.schedules()).forEach(m -> schedules.add(message(m)));
        }
        List<StripeStandIn.Charge> charges = stripe == null
                ? List.of()
                : stripe.charges().stream().skip(before.charges()).toList();
        List<StripeStandIn.Refund> refunds = stripe == null
                ? List.of()
                : stripe.refunds().stream().skip(before.refunds()).toList();
        return new SideEffects(writes, messages, iot, schedules, charges, refunds, embedded != null);
    }

    /**
     * Every message published to the deployment's topics so far: the embedded SNS's record, or what the runner's
     * queue subscribed to the topics received (read at most every 100 ms unless {@code now}).
     */
    public List<TopicMessage> messages(boolean now) {
        if (embedded != null) {
            return embedded.sns().messages().stream()
                    .map(p -> new TopicMessage(p.messageId(), p.destination(), p.subject(), p.body()))
                    .toList();
        }
        return tap.messages(now);
    }

    private static SideEffects.Message message(Published p) {
        return new SideEffects.Message(p.destination(), p.subject(), p.body());
    }

    private List<JsonNode> scan(ProjectResources.TableSpec table) {
        if (embedded != null) {
            return embedded.dynamoDb().items(table.name()).stream()
                    .map(LocalDeployment::plain)
                    .toList();
        }
        List<JsonNode> items = new ArrayList<>();
        dynamoDb.scanPaginator(r -> r.tableName(table.name())).items().forEach(item -> items.add(plain(item)));
        return items;
    }

    private static ObjectNode key(ProjectResources.TableSpec table, JsonNode item) {
        ObjectNode key = Json.object();
        for (Map<String, Object> element : table.keySchema()) {
            String name = element.get("AttributeName").toString();
            key.set(name, item.path(name));
        }
        return key;
    }

    /** DynamoDB JSON ({"S": "x"}, {"N": "1"} ...) as plain JSON. */
    static JsonNode plain(JsonNode item) {
        ObjectNode result = Json.object();
        item.properties().forEach(e -> result.set(e.getKey(), plainValue(e.getValue())));
        return result;
    }

    private static JsonNode plainValue(JsonNode value) {
        if (!value.isObject() || value.size() != 1) {
            return value;
        }
        var entry = value.properties().iterator().next();
        JsonNode v = entry.getValue();
        return switch (entry.getKey()) {
            case "S", "B" -> v;
            case "N" -> Json.parse(v.asText());
            case "BOOL" -> v;
            case "NULL" -> com.fasterxml.jackson.databind.node.NullNode.getInstance();
            case "M" -> plain(v);
            case "L", "SS", "NS", "BS" -> {
                var array = Json.array();
                v.forEach(x -> array.add(
                        entry.getKey().equals("L")
                                ? plainValue(x)
                                : entry.getKey().equals("NS") ? Json.parse(x.asText()) : x));
                yield array;
            }
            default -> value;
        };
    }

    private static JsonNode plain(Map<String, AttributeValue> item) {
        ObjectNode result = Json.object();
        item.forEach((k, v) -> result.set(k, plain(v)));
        return result;
    }

    private static JsonNode plain(AttributeValue v) {
        if (v.s() != null) {
            return Json.text(v.s());
        }
        if (v.n() != null) {
            return Json.parse(v.n());
        }
        if (v.bool() != null) {
            return Json.NODES.booleanNode(v.bool());
        }
        if (v.b() != null) {
            return Json.text(Base64.getEncoder().encodeToString(v.b().asByteArray()));
        }
        if (v.hasM()) {
            return plain(v.m());
        }
        var array = Json.array();
        if (v.hasL()) {
            v.l().forEach(x -> array.add(plain(x)));
        } else if (v.hasSs()) {
            v.ss().forEach(array::add);
        } else if (v.hasNs()) {
            v.ns().forEach(n -> array.add(Json.parse(n)));
        } else if (v.hasBs()) {
            v.bs().forEach((SdkBytes b) -> array.add(Base64.getEncoder().encodeToString(b.asByteArray())));
        } else {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        return array;
    }

    private static List<KeySchemaElement> keySchema(List<Map<String, Object>> schema) {
        return schema.stream()
                .map(k -> KeySchemaElement.builder()
                        .attributeName(k.get("AttributeName").toString())
                        .keyType(k.get("KeyType").toString())
                        .build())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(Object value) {
        return (List<Map<String, Object>>) value;
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
