package com.ccs.workflows.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ties template.yaml, the state machine definitions, the function modules and the sample events together, so a
 * renamed handler, a substitution nobody provides or a resource without encryption fails the build, not a deploy.
 */
class TemplateConsistencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("ccs.projectRoot", "..")).toAbsolutePath().normalize();
    private static SamTemplate template;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.load(ROOT.resolve("template.yaml"));
    }

    @Test
    void everyHandlerIsAClassOfItsFunctionModule() {
        Map<String, Map<String, Object>> functions = template.resourcesOfType("AWS::Serverless::Function");
        assertThat(functions).hasSizeGreaterThanOrEqualTo(6);
        functions.forEach((id, function) -> {
            Map<String, Object> properties = SamTemplate.properties(function);
            String handler = (String) properties.get("Handler");
            String className = handler.substring(0, handler.indexOf("::"));
            Path source = ROOT.resolve((String) properties.get("CodeUri"))
                    .resolve("src/main/java").resolve(className.replace('.', '/') + ".java");
            assertThat(source).as("%s handler %s", id, handler).exists();
            assertThat(function).as("%s is built by the Makefile", id)
                    .extractingByKey("Metadata").asString().contains("BuildMethod=makefile");
        });
    }

    @Test
    void everyFunctionHasABuildTargetInTheMakefile() throws IOException {
        String makefile = Files.readString(ROOT.resolve("Makefile"));
        template.resourcesOfType("AWS::Serverless::Function").keySet()
                .forEach(id -> assertThat(makefile).as("Makefile target for %s", id).contains("build-" + id));
    }

    @Test
    void definitionSubstitutionsMatchWhatEachDefinitionUses() throws IOException {
        Map<String, Map<String, Object>> machines = template.resourcesOfType("AWS::Serverless::StateMachine");
        assertThat(machines).containsKeys("EmergencyWorkflow", "BusinessWorkflow");
        for (Map.Entry<String, Map<String, Object>> machine : machines.entrySet()) {
            Map<String, Object> properties = SamTemplate.properties(machine.getValue());
            String definition = Files.readString(ROOT.resolve((String) properties.get("DefinitionUri")));
            Set<String> used = new TreeSet<>();
            Matcher matcher = Pattern.compile("\\$\\{(\\w+)}").matcher(definition);
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
            @SuppressWarnings("unchecked")
            Set<String> provided = new TreeSet<>(((Map<String, Object>) properties.get("DefinitionSubstitutions")).keySet());
            assertThat(used).as("substitutions of %s", machine.getKey()).isEqualTo(provided);
        }
    }

    @Test
    void lambdaTasksGoThroughPublishedAliasesSoSnapStartApplies() {
        template.resourcesOfType("AWS::Serverless::StateMachine").forEach((id, machine) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> substitutions = (Map<String, Object>) SamTemplate.properties(machine).get("DefinitionSubstitutions");
            substitutions.forEach((key, value) -> {
                if (key.endsWith("FunctionArn")) {
                    assertThat(value).as("%s.%s", id, key).isEqualTo(Map.of("Ref", key.replace("Arn", "") + ".Alias"));
                }
            });
        });
    }

    @Test
    void everyTaskAndParallelAtTopLevelCatchesEveryError() throws IOException {
        for (String file : List.of("statemachines/emergency.asl.json", "statemachines/business.asl.json")) {
            JsonNode states = JSON.readTree(ROOT.resolve(file).toFile()).get("States");
            for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> state = it.next();
                String type = state.getValue().get("Type").asText();
                if (type.equals("Task") || type.equals("Parallel") || type.equals("Map")) {
                    List<String> caught = new ArrayList<>();
                    state.getValue().path("Catch").forEach(c -> c.get("ErrorEquals").forEach(e -> caught.add(e.asText())));
                    assertThat(caught).as("%s: %s", file, state.getKey()).contains("States.ALL");
                }
            }
        }
    }

    @Test
    void dataAtRestIsEncryptedWithTheProjectKeyAndTablesHavePointInTimeRecovery() {
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, table) -> {
            Map<String, Object> properties = SamTemplate.properties(table);
            assertThat(properties.get("PointInTimeRecoverySpecification")).as(id)
                    .isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
            assertThat(properties.get("SSESpecification")).as(id).asString()
                    .contains("SSEType=KMS").contains("KMSMasterKeyId={Ref=WorkflowsKey}");
        });
        Stream.of("AWS::SNS::Topic", "AWS::SQS::Queue").forEach(type -> template.resourcesOfType(type).forEach((id, resource) ->
                assertThat(SamTemplate.properties(resource).get("KmsMasterKeyId")).as(id).isEqualTo(Map.of("Ref", "WorkflowsKey"))));
        template.resourcesOfType("AWS::SecretsManager::Secret").forEach((id, secret) ->
                assertThat(SamTemplate.properties(secret).get("KmsKeyId")).as(id).isEqualTo(Map.of("Ref", "WorkflowsKey")));
    }

    @Test
    void namesFollowTheProjectEnvironmentConvention() {
        Map<String, String> nameProperty = Map.of(
                "AWS::DynamoDB::Table", "TableName", "AWS::SNS::Topic", "TopicName", "AWS::SQS::Queue", "QueueName",
                "AWS::Serverless::Function", "FunctionName", "AWS::Serverless::StateMachine", "Name", "AWS::Pipes::Pipe", "Name");
        nameProperty.forEach((type, property) -> template.resourcesOfType(type).forEach((id, resource) ->
                assertThat(SamTemplate.properties(resource).get(property)).as("%s %s", id, property).asString()
                        .startsWith("{Fn::Sub=${ProjectName}-${Environment}-")));
    }

    @Test
    void policiesNeverGrantAnyActionAndUseStarResourcesOnlyWhereAwsRequiresIt() {
        Set<String> actionsWithoutResourceLevel = Set.of(
                "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries",
                "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
                "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets");
        List<Map<String, Object>> statements = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            if (!"AWS::KMS::Key".equals(resource.get("Type"))) { // a key policy's "*" resource means "this key"
                collectStatements(SamTemplate.properties(resource), statements);
            }
        });
        assertThat(statements).hasSizeGreaterThan(10);
        for (Map<String, Object> statement : statements) {
            List<String> actions = asList(statement.get("Action"));
            assertThat(actions).as("statement %s", statement).noneMatch(a -> a.equals("*") || a.endsWith(":*"));
            if (asList(statement.get("Resource")).contains("*")) {
                assertThat(actionsWithoutResourceLevel).as("actions on * in %s", statement).containsAll(actions);
            }
        }
    }

    @Test
    void sampleEventsAreJson() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("events"))) {
            List<Path> events = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertThat(events).hasSizeGreaterThanOrEqualTo(14);
            for (Path event : events) {
                assertThat(JSON.readTree(event.toFile())).as(event.toString()).isNotNull();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void collectStatements(Object node, List<Map<String, Object>> statements) {
        if (node instanceof Map<?, ?> map) {
            if (map.containsKey("Effect") && map.containsKey("Action")) {
                statements.add((Map<String, Object>) map);
                return;
            }
            map.values().forEach(v -> collectStatements(v, statements));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectStatements(v, statements));
        }
    }

    private static List<String> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }
}
