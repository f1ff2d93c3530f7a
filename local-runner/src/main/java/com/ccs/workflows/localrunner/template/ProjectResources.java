package com.ccs.workflows.localrunner.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The resources of a resolved template that a local deployment creates or runs, by kind. */
public final class ProjectResources {

    /** A DynamoDB table: its CreateTable shape (attribute definitions, key schema, global secondary indexes). */
    public record TableSpec(
            String logicalId,
            String name,
            List<Map<String, Object>> attributeDefinitions,
            List<Map<String, Object>> keySchema,
            List<Map<String, Object>> globalSecondaryIndexes) {}

    public record TopicSpec(String logicalId, String name) {}

    /** An SQS queue with the attributes CreateQueue takes (FifoQueue, ContentBasedDeduplication ...). */
    public record QueueSpec(String logicalId, String name, Map<String, String> attributes) {}

    public record SecretSpec(String logicalId, String name, String description) {}

    /** A state machine with its DefinitionSubstitutions applied. */
    public record StateMachineSpec(String logicalId, String name, String type, String definition) {}

    /**
     * An EventBridge Pipe from an SQS queue to a state machine: the queue's URL, the state machine's ARN, the
     * batch size and whether the target runs synchronously (REQUEST_RESPONSE) or is only started.
     */
    public record PipeSpec(
            String logicalId,
            String name,
            String queueArn,
            String stateMachineArn,
            int batchSize,
            boolean synchronous) {}

    private ProjectResources() {}

    public static List<TableSpec> tables(TemplateResolver resolver) {
        List<TableSpec> tables = new ArrayList<>();
        for (SamTemplate.Resource r : of(resolver, "AWS::DynamoDB::Table")) {
            tables.add(new TableSpec(
                    r.logicalId(),
                    resolver.stringProperty(r, "TableName"),
                    maps(resolver.property(r, "AttributeDefinitions")),
                    maps(resolver.property(r, "KeySchema")),
                    maps(resolver.property(r, "GlobalSecondaryIndexes"))));
        }
        return tables;
    }

    public static List<TopicSpec> topics(TemplateResolver resolver) {
        return of(resolver, "AWS::SNS::Topic").stream()
                .map(r -> new TopicSpec(r.logicalId(), resolver.stringProperty(r, "TopicName")))
                .toList();
    }

    public static List<QueueSpec> queues(TemplateResolver resolver) {
        List<QueueSpec> queues = new ArrayList<>();
        for (SamTemplate.Resource r : of(resolver, "AWS::SQS::Queue")) {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String name : List.of(
                    "FifoQueue",
                    "ContentBasedDeduplication",
                    "DeduplicationScope",
                    "FifoThroughputLimit",
                    "VisibilityTimeout",
                    "MessageRetentionPeriod",
                    "MaximumMessageSize")) {
                Object value = resolver.property(r, name);
                if (value != null) {
                    attributes.put(name, value.toString());
                }
            }
            Object redrive = resolver.property(r, "RedrivePolicy");
            if (redrive != null) { // SQS takes it as a JSON document
                attributes.put(
                        "RedrivePolicy",
                        com.ccs.workflows.localrunner.json.Json.write(
                                com.ccs.workflows.localrunner.json.Json.MAPPER.valueToTree(redrive)));
            }
            queues.add(new QueueSpec(r.logicalId(), resolver.stringProperty(r, "QueueName"), attributes));
        }
        return queues;
    }

    public static List<SecretSpec> secrets(TemplateResolver resolver) {
        return of(resolver, "AWS::SecretsManager::Secret").stream()
                .map(r -> new SecretSpec(
                        r.logicalId(), resolver.stringProperty(r, "Name"), resolver.stringProperty(r, "Description")))
                .toList();
    }

    /** EventBridge Scheduler groups (the approval reminders'); the embedded backend accepts any group. */
    public static List<String> scheduleGroups(TemplateResolver resolver) {
        return of(resolver, "AWS::Scheduler::ScheduleGroup").stream()
                .map(r -> resolver.stringProperty(r, "Name"))
                .toList();
    }

    /** The template's pipes from SQS to Step Functions (the only source and target kinds the runner runs). */
    public static List<PipeSpec> pipes(TemplateResolver resolver) {
        List<PipeSpec> pipes = new ArrayList<>();
        for (SamTemplate.Resource r : of(resolver, "AWS::Pipes::Pipe")) {
            String source = resolver.stringProperty(r, "Source");
            String target = resolver.stringProperty(r, "Target");
            if (!source.startsWith("arn:aws:sqs:") || !target.startsWith("arn:aws:states:")) {
                continue;
            }
            Map<String, Object> sourceParameters = SamTemplate.map(resolver.property(r, "SourceParameters"));
            Object batch =
                    SamTemplate.map(sourceParameters.get("SqsQueueParameters")).get("BatchSize");
            Map<String, Object> targetParameters = SamTemplate.map(resolver.property(r, "TargetParameters"));
            Object invocation = SamTemplate.map(targetParameters.get("StepFunctionStateMachineParameters"))
                    .get("InvocationType");
            pipes.add(new PipeSpec(
                    r.logicalId(),
                    resolver.stringProperty(r, "Name"),
                    source,
                    target,
                    batch == null ? 10 : Integer.parseInt(batch.toString()),
                    "REQUEST_RESPONSE".equals(String.valueOf(invocation))));
        }
        return pipes;
    }

    /**
     * A route of the template's HTTP API that starts a state machine (integrationSubtype StepFunctions-StartExecution
     * or StepFunctions-StartSyncExecution): the state machine, and the request body field the execution is named
     * after ({@code $request.body.<field>}), null when unnamed.
     */
    public record StartRoute(
            String method, String path, boolean synchronous, String stateMachineArn, String nameField) {}

    public static List<StartRoute> startRoutes(TemplateResolver resolver) {
        List<StartRoute> routes = new ArrayList<>();
        for (ApiIntegration route : apiIntegrations(resolver)) {
            String subtype = String.valueOf(route.integration().get("integrationSubtype"));
            if (subtype.equals("StepFunctions-StartExecution") || subtype.equals("StepFunctions-StartSyncExecution")) {
                Map<String, Object> parameters =
                        SamTemplate.map(route.integration().get("requestParameters"));
                String name = parameters.get("Name") == null
                        ? null
                        : parameters.get("Name").toString();
                routes.add(new StartRoute(
                        route.method(),
                        route.path(),
                        subtype.endsWith("SyncExecution"),
                        TemplateResolver.scalar(resolver.resolve(parameters.get("StateMachineArn"))),
                        name != null && name.startsWith("$request.body.")
                                ? name.substring("$request.body.".length())
                                : null));
            }
        }
        return routes;
    }

    /** One method of one path of a template HTTP API, with its {@code x-amazon-apigateway-integration}. */
    private record ApiIntegration(String method, String path, Map<String, Object> integration) {}

    private static List<ApiIntegration> apiIntegrations(TemplateResolver resolver) {
        List<ApiIntegration> integrations = new ArrayList<>();
        for (SamTemplate.Resource api : of(resolver, "AWS::Serverless::HttpApi")) {
            // Unresolved: callers resolve only what they read (other fields name SAM-generated ids).
            Map<String, Object> paths = SamTemplate.map(
                    SamTemplate.map(api.properties().get("DefinitionBody")).get("paths"));
            paths.forEach((path, methods) -> SamTemplate.map(methods)
                    .forEach((method, operation) -> integrations.add(new ApiIntegration(
                            method.toUpperCase(Locale.ROOT),
                            path,
                            SamTemplate.map(SamTemplate.map(operation).get("x-amazon-apigateway-integration"))))));
        }
        return integrations;
    }

    /**
     * A route of the template's HTTP API that invokes a function (an {@code aws_proxy} Lambda integration): the
     * path as the template writes it ({@code /approvals/{approval_id}/{decision}}) and the function's logical id.
     */
    public record LambdaRoute(String method, String path, String functionLogicalId) {}

    private static final Pattern INTEGRATED_FUNCTION = Pattern.compile("functions/\\$\\{([A-Za-z0-9]+)[.}]");

    public static List<LambdaRoute> lambdaRoutes(TemplateResolver resolver) {
        List<String> functionIds = of(resolver, "AWS::Serverless::Function").stream()
                .map(SamTemplate.Resource::logicalId)
                .toList();
        List<LambdaRoute> routes = new ArrayList<>();
        for (ApiIntegration route : apiIntegrations(resolver)) {
            // The uri names the function's ARN or SAM's alias id for it (<Function>Alias<alias>), unresolved.
            Matcher uri = INTEGRATED_FUNCTION.matcher(
                    String.valueOf(route.integration().get("uri")));
            if (uri.find()) {
                String id = uri.group(1);
                functionIds.stream()
                        .filter(f -> id.equals(f) || id.startsWith(f + "Alias"))
                        .findFirst()
                        .ifPresent(f -> routes.add(new LambdaRoute(route.method(), route.path(), f)));
            }
        }
        return routes;
    }

    public static List<FunctionSpec> functions(TemplateResolver resolver) {
        Map<String, Object> globals = resolver.template().functionGlobals();
        List<FunctionSpec> functions = new ArrayList<>();
        for (SamTemplate.Resource r : of(resolver, "AWS::Serverless::Function")) {
            Map<String, String> environment = new LinkedHashMap<>();
            environment.putAll(variables(resolver, globals.get("Environment")));
            environment.putAll(variables(resolver, r.properties().get("Environment")));
            String codeUri = resolver.stringProperty(r, "CodeUri");
            Path code = resolver.path(codeUri);
            String name = resolver.stringProperty(r, "FunctionName");
            String arn = resolver.functionArn(r.logicalId());
            functions.add(new FunctionSpec(
                    r.logicalId(),
                    name,
                    code,
                    code.getFileName().toString(),
                    resolver.stringProperty(r, "Handler"),
                    intSetting(resolver, r, globals, "Timeout", 3),
                    intSetting(resolver, r, globals, "MemorySize", 128),
                    Map.copyOf(environment),
                    arn,
                    arn + ":" + resolver.alias()));
        }
        return functions;
    }

    /**
     * The template's state machines, either resource type: SAM's (Name, Type, DefinitionUri) or CloudFormation's
     * (StateMachineName, StateMachineType, DefinitionS3Location as a local file, which `sam deploy` uploads).
     */
    public static List<StateMachineSpec> stateMachines(TemplateResolver resolver) {
        List<StateMachineSpec> machines = new ArrayList<>();
        List<SamTemplate.Resource> resources = new ArrayList<>(of(resolver, "AWS::Serverless::StateMachine"));
        resources.addAll(of(resolver, "AWS::StepFunctions::StateMachine"));
        for (SamTemplate.Resource r : resources) {
            boolean sam = r.type().startsWith("AWS::Serverless::");
            String fileProperty = sam ? "DefinitionUri" : "DefinitionS3Location";
            if (r.properties().containsKey(sam ? "Definition" : "DefinitionString")
                    || !(r.properties().get(fileProperty) instanceof String)) {
                throw new UnsupportedOperationException(
                        r.logicalId() + ": the local runner reads a definition from a file;" + " give " + fileProperty
                                + " as a path relative to the template");
            }
            Path file = resolver.path(resolver.stringProperty(r, fileProperty));
            String definition;
            try {
                definition = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            Object substitutions = resolver.property(r, "DefinitionSubstitutions");
            for (Map.Entry<String, Object> s : SamTemplate.map(substitutions).entrySet()) {
                definition = definition.replace("${" + s.getKey() + "}", TemplateResolver.scalar(s.getValue()));
            }
            String type = resolver.stringProperty(r, sam ? "Type" : "StateMachineType");
            machines.add(new StateMachineSpec(
                    r.logicalId(),
                    resolver.stateMachineName(r),
                    type == null || type.isEmpty() ? "STANDARD" : type,
                    definition));
        }
        return machines;
    }

    private static Map<String, String> variables(TemplateResolver resolver, Object environment) {
        Map<String, String> result = new LinkedHashMap<>();
        if (environment == null) {
            return result;
        }
        Object variables = SamTemplate.map(environment).get("Variables");
        SamTemplate.map(resolver.resolve(variables)).forEach((k, v) -> result.put(k, TemplateResolver.scalar(v)));
        return result;
    }

    private static int intSetting(
            TemplateResolver resolver, SamTemplate.Resource r, Map<String, Object> globals, String name, int fallback) {
        Object value =
                r.properties().containsKey(name) ? resolver.property(r, name) : resolver.resolve(globals.get(name));
        return value == null ? fallback : Integer.parseInt(value.toString());
    }

    private static List<SamTemplate.Resource> of(TemplateResolver resolver, String type) {
        return resolver.template().resources().values().stream()
                .filter(r -> r.type().equals(type) && resolver.exists(r))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }
}
