package com.ccs.workflows.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ties template.yaml, the state machine definitions, the function modules and the sample events together, so a
 * renamed handler, a substitution nobody provides or a resource without encryption fails the build, not a deploy.
 */
class TemplateConsistencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("ccs.projectRoot", ".."))
            .toAbsolutePath()
            .normalize();
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
                    .resolve("src/main/java")
                    .resolve(className.replace('.', '/') + ".java");
            assertThat(source).as("%s handler %s", id, handler).exists();
            assertThat(function)
                    .as("%s is built by the Makefile", id)
                    .extractingByKey("Metadata")
                    .asString()
                    .contains("BuildMethod=makefile");
        });
    }

    @Test
    void everyFunctionHasABuildTargetInTheMakefile() throws IOException {
        String makefile = Files.readString(ROOT.resolve("Makefile"));
        template.resourcesOfType("AWS::Serverless::Function")
                .keySet()
                .forEach(id ->
                        assertThat(makefile).as("Makefile target for %s", id).contains("build-" + id));
    }

    @Test
    void definitionSubstitutionsMatchWhatEachDefinitionUses() throws IOException {
        Map<String, Map<String, Object>> machines = template.resourcesOfType("AWS::StepFunctions::StateMachine");
        assertThat(machines).containsKeys("EmergencyWorkflow", "BusinessWorkflow");
        for (Map.Entry<String, Map<String, Object>> machine : machines.entrySet()) {
            Map<String, Object> properties = SamTemplate.properties(machine.getValue());
            String definition = Files.readString(ROOT.resolve((String) properties.get("DefinitionS3Location")));
            Set<String> used = new TreeSet<>();
            Matcher matcher = Pattern.compile("\\$\\{(\\w+)}").matcher(definition);
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
            @SuppressWarnings("unchecked")
            Set<String> provided =
                    new TreeSet<>(((Map<String, Object>) properties.get("DefinitionSubstitutions")).keySet());
            assertThat(used).as("substitutions of %s", machine.getKey()).isEqualTo(provided);
        }
    }

    @Test
    void lambdaTasksGoThroughPublishedAliasesSoSnapStartApplies() {
        template.resourcesOfType("AWS::StepFunctions::StateMachine").forEach((id, machine) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> substitutions =
                    (Map<String, Object>) SamTemplate.properties(machine).get("DefinitionSubstitutions");
            substitutions.forEach((key, value) -> {
                if (key.endsWith("FunctionArn")) {
                    assertThat(value).as("%s.%s", id, key).isEqualTo(Map.of("Ref", key.replace("Arn", "") + ".Alias"));
                }
            });
        });
    }

    /**
     * A function's timeout stays under the TimeoutSeconds of every task that invokes it synchronously: an attempt the
     * state stops waiting for has already ended, so the state's retry never runs beside it (one incident, one camera).
     */
    @Test
    void everyLambdaTaskWaitsLongerThanItsFunctionCanRun() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> globals =
                (Map<String, Object>) ((Map<String, Object>) template.root().get("Globals")).get("Function");
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> machine :
                template.resourcesOfType("AWS::StepFunctions::StateMachine").entrySet()) {
            Map<String, Object> properties = SamTemplate.properties(machine.getValue());
            @SuppressWarnings("unchecked")
            Map<String, Object> substitutions = (Map<String, Object>) properties.get("DefinitionSubstitutions");
            JsonNode definition = JSON.readTree(ROOT.resolve((String) properties.get("DefinitionS3Location"))
                    .toFile());
            for (JsonNode task : definition.findParents("Resource")) {
                if (!"Task".equals(task.path("Type").asText())
                        || !task.path("Resource").asText().equals("arn:aws:states:::lambda:invoke")) {
                    continue;
                }
                Matcher function = Pattern.compile("\\$\\{(\\w+FunctionArn)}").matcher(task.toString());
                assertThat(function.find())
                        .as("a Lambda task of %s names its function", machine.getKey())
                        .isTrue();
                String id = resourceOf(substitutions.get(function.group(1)));
                Object timeout = SamTemplate.properties(template.resources().get(id))
                        .getOrDefault("Timeout", globals.get("Timeout"));
                assertThat(task.path("TimeoutSeconds").asInt())
                        .as("%s task calling %s (Timeout %s)", machine.getKey(), id, timeout)
                        .isGreaterThan((Integer) timeout);
                checked.add(id);
            }
        }
        assertThat(checked).contains("VideoRecordingFunction", "ProcessPaymentFunction", "ActivateServiceFunction");
    }

    private static String resourceOf(Object reference) {
        return String.valueOf(((Map<?, ?>) reference).get("Ref")).replace(".Alias", "");
    }

    /**
     * Tasks that deliberately let transient failures fail the execution, so that it can be redriven from them once the
     * outage is over, with the errors they do catch. Pinned: a state added here must say why.
     */
    private static final Map<String, List<String>> REDRIVABLE = Map.of(
            // A payment interrupted by an outage keeps the parts taken; its redrive takes only the missing ones.
            "statemachines/business.asl.json#Process Payment",
            List.of(
                    "com.ccs.workflows.errors.InvalidInputException",
                    "com.ccs.workflows.processpayment.PaymentRequestRejectedException"));

    @Test
    void everyTaskAndParallelAtTopLevelCatchesEveryErrorOrIsRedrivableByDesign() throws IOException {
        for (String file : List.of("statemachines/emergency.asl.json", "statemachines/business.asl.json")) {
            JsonNode states = JSON.readTree(ROOT.resolve(file).toFile()).get("States");
            for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> state = it.next();
                String type = state.getValue().get("Type").asText();
                if (type.equals("Task") || type.equals("Parallel") || type.equals("Map")) {
                    List<String> caught = new ArrayList<>();
                    state.getValue()
                            .path("Catch")
                            .forEach(c -> c.get("ErrorEquals").forEach(e -> caught.add(e.asText())));
                    List<String> redrivable = REDRIVABLE.get(file + "#" + state.getKey());
                    if (redrivable == null) {
                        assertThat(caught).as("%s: %s", file, state.getKey()).contains("States.ALL");
                    } else {
                        assertThat(caught)
                                .as("%s: %s", file, state.getKey())
                                .containsExactlyInAnyOrderElementsOf(redrivable);
                    }
                }
            }
        }
    }

    @Test
    void dataAtRestIsEncryptedWithTheProjectKeyAndTablesHavePointInTimeRecovery() {
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, table) -> {
            Map<String, Object> properties = SamTemplate.properties(table);
            assertThat(properties.get("PointInTimeRecoverySpecification"))
                    .as(id)
                    .isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
            assertThat(properties.get("SSESpecification"))
                    .as(id)
                    .asString()
                    .contains("SSEType=KMS")
                    .contains("KMSMasterKeyId={Ref=WorkflowsKey}");
        });
        Stream.of("AWS::SNS::Topic", "AWS::SQS::Queue")
                .forEach(type -> template.resourcesOfType(type)
                        .forEach((id, resource) -> assertThat(
                                        SamTemplate.properties(resource).get("KmsMasterKeyId"))
                                .as(id)
                                .isEqualTo(Map.of("Ref", "WorkflowsKey"))));
        template.resourcesOfType("AWS::SecretsManager::Secret")
                .forEach((id, secret) -> assertThat(
                                SamTemplate.properties(secret).get("KmsKeyId"))
                        .as(id)
                        .isEqualTo(Map.of("Ref", "WorkflowsKey")));
    }

    @Test
    void everyRoleTouchingEncryptedDataMayUseTheProjectKeyThroughThatService() {
        Map<String, List<String>> problems = KeyUse.missingGrants(template);
        problems.forEach((role, missing) -> System.out.println("KMS grants missing for " + role + ": " + missing));

        assertThat(KeyUse.needs(template, "CreateContractFunction"))
                .as("the check sees what a role touches")
                .contains("kms:Decrypt via dynamodb");
        assertThat(KeyUse.needs(template, "BusinessWorkflowRole"))
                .contains("kms:Decrypt via sns", "kms:GenerateDataKey via sns");
        assertThat(problems)
                .as("roles using an encrypted table, topic, queue or secret without the key")
                .isEmpty();
    }

    @Test
    void theKeyCheckFlagsAMissingActionAndAGrantThroughAnotherService() {
        Map<String, Object> key = Map.of("Fn::GetAtt", List.of("WorkflowsKey", "Arn"));
        Map<String, Object> resources = new java.util.LinkedHashMap<>();
        resources.put(
                "Topic",
                Map.of(
                        "Type",
                        "AWS::SNS::Topic",
                        "Properties",
                        Map.of("KmsMasterKeyId", Map.of("Ref", "WorkflowsKey"))));
        resources.put(
                "Fn",
                Map.of(
                        "Type",
                        "AWS::Serverless::Function",
                        "Properties",
                        Map.of(
                                "Policies",
                                List.of(
                                        Map.of(
                                                "Statement",
                                                List.of(
                                                        Map.of(
                                                                "Effect",
                                                                "Allow",
                                                                "Action",
                                                                "sns:Publish",
                                                                "Resource",
                                                                Map.of("Ref", "Topic")),
                                                        Map.of(
                                                                "Effect",
                                                                "Allow",
                                                                "Action",
                                                                List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                                                                "Resource",
                                                                key,
                                                                "Condition",
                                                                Map.of(
                                                                        "StringEquals",
                                                                        Map.of(
                                                                                "kms:ViaService",
                                                                                Map.of(
                                                                                        "Fn::Sub",
                                                                                        "dynamodb.${AWS::Region}.amazonaws.com"))))))))));

        assertThat(KeyUse.missingGrants(new SamTemplate(Map.of("Resources", resources))))
                .containsExactly(
                        Map.entry("Fn", List.of("kms:Decrypt via sns (Topic)", "kms:GenerateDataKey via sns (Topic)")));
    }

    @Test
    void namesFollowTheProjectEnvironmentConvention() {
        Map<String, String> nameProperty = Map.of(
                "AWS::DynamoDB::Table",
                "TableName",
                "AWS::SNS::Topic",
                "TopicName",
                "AWS::SQS::Queue",
                "QueueName",
                "AWS::Serverless::Function",
                "FunctionName",
                "AWS::StepFunctions::StateMachine",
                "StateMachineName",
                "AWS::Pipes::Pipe",
                "Name");
        nameProperty.forEach((type, property) -> template.resourcesOfType(type)
                .forEach((id, resource) -> assertThat(
                                SamTemplate.properties(resource).get(property))
                        .as("%s %s", id, property)
                        .asString()
                        .startsWith("{Fn::Sub=${ProjectName}-${Environment}-")));
    }

    @Test
    void policiesNeverGrantAnyActionAndUseStarResourcesOnlyWhereAwsRequiresIt() {
        Set<String> actionsWithoutResourceLevel = Set.of(
                "logs:CreateLogDelivery",
                "logs:GetLogDelivery",
                "logs:UpdateLogDelivery",
                "logs:DeleteLogDelivery",
                "logs:ListLogDeliveries",
                "logs:PutResourcePolicy",
                "logs:DescribeResourcePolicies",
                "xray:PutTraceSegments",
                "xray:PutTelemetryRecords",
                "xray:GetSamplingRules",
                "xray:GetSamplingTargets");
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
                assertThat(actionsWithoutResourceLevel)
                        .as("actions on * in %s", statement)
                        .containsAll(actions);
            }
        }
    }

    @Test
    void sampleEventsAreJson() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("events"))) {
            List<Path> events =
                    files.filter(f -> f.toString().endsWith(".json")).toList();
            assertThat(events).hasSizeGreaterThanOrEqualTo(14);
            for (Path event : events) {
                assertThat(JSON.readTree(event.toFile())).as(event.toString()).isNotNull();
            }
        }
    }

    /**
     * Which KMS permissions each role needs on the project key (WorkflowsKey) for the encrypted tables, topics,
     * queues and secrets its policy statements name. The services call KMS as the caller: DynamoDB decrypts the
     * table key on reads and writes; SNS and SQS generate a data key per message sent (and decrypt it); Secrets
     * Manager decrypts the secret. A grant counts when its actions match (IAM wildcards included), its resource is
     * the key, and any kms:ViaService condition admits the service.
     */
    static final class KeyUse {
        private static final Map<String, List<String>> KMS_FOR_ACTION = Map.of(
                "sns:Publish", List.of("kms:Decrypt", "kms:GenerateDataKey"),
                "sqs:SendMessage", List.of("kms:Decrypt", "kms:GenerateDataKey"),
                "sqs:ReceiveMessage", List.of("kms:Decrypt"),
                "secretsmanager:GetSecretValue", List.of("kms:Decrypt"));

        private KeyUse() {}

        /** Role (function or IAM role) -> each missing "kms:Action via service (Resource)". */
        static Map<String, List<String>> missingGrants(SamTemplate template) {
            Map<String, List<String>> missing = new java.util.TreeMap<>();
            roles(template).forEach((role, statements) -> {
                List<String> absent = new ArrayList<>();
                for (String need : needsOf(template, statements)) {
                    String action = need.substring(0, need.indexOf(' '));
                    String service = need.substring(need.indexOf(" via ") + 5, need.indexOf(" ("));
                    if (statements.stream().noneMatch(s -> grants(s, action, service))) {
                        absent.add(need);
                    }
                }
                if (!absent.isEmpty()) {
                    missing.put(role, absent);
                }
            });
            return missing;
        }

        /** What {@code role} needs, as "kms:Action via service", without the resources. */
        static Set<String> needs(SamTemplate template, String role) {
            Set<String> needs = new TreeSet<>();
            needsOf(template, roles(template).get(role)).forEach(n -> needs.add(n.substring(0, n.indexOf(" ("))));
            return needs;
        }

        private static Set<String> needsOf(SamTemplate template, List<Map<String, Object>> statements) {
            Map<String, String> encrypted = encryptedResources(template);
            Set<String> needs = new TreeSet<>();
            for (Map<String, Object> statement : statements) {
                Set<String> touched = new TreeSet<>(references(statement.get("Resource")));
                touched.retainAll(encrypted.keySet());
                for (String action : asList(statement.get("Action"))) {
                    List<String> kms = action.startsWith("dynamodb:")
                            ? List.of("kms:Decrypt")
                            : KMS_FOR_ACTION.getOrDefault(action, List.of());
                    touched.stream()
                            .filter(r -> action.startsWith(encrypted.get(r) + ":"))
                            .forEach(r -> kms.forEach(k -> needs.add(k + " via " + encrypted.get(r) + " (" + r + ")")));
                }
            }
            return needs;
        }

        /** Logical id -> service prefix of every resource encrypted with WorkflowsKey. */
        private static Map<String, String> encryptedResources(SamTemplate template) {
            Map<String, Object> key = Map.of("Ref", "WorkflowsKey");
            Map<String, String> encrypted = new java.util.HashMap<>();
            template.resources().forEach((id, resource) -> {
                Map<String, Object> p = SamTemplate.properties(resource);
                String service = switch (String.valueOf(resource.get("Type"))) {
                    case "AWS::DynamoDB::Table" ->
                        p.get("SSESpecification") instanceof Map<?, ?> sse && key.equals(sse.get("KMSMasterKeyId"))
                                ? "dynamodb"
                                : null;
                    case "AWS::SNS::Topic" -> key.equals(p.get("KmsMasterKeyId")) ? "sns" : null;
                    case "AWS::SQS::Queue" -> key.equals(p.get("KmsMasterKeyId")) ? "sqs" : null;
                    case "AWS::SecretsManager::Secret" -> key.equals(p.get("KmsKeyId")) ? "secretsmanager" : null;
                    default -> null;
                };
                if (service != null) {
                    encrypted.put(id, service);
                }
            });
            return encrypted;
        }

        /** Every function's and IAM role's Allow statements, by logical id. */
        private static Map<String, List<Map<String, Object>>> roles(SamTemplate template) {
            Map<String, List<Map<String, Object>>> roles = new java.util.TreeMap<>();
            template.resources().forEach((id, resource) -> {
                if (Set.of("AWS::Serverless::Function", "AWS::IAM::Role").contains(resource.get("Type"))) {
                    List<Map<String, Object>> statements = new ArrayList<>();
                    collectStatements(SamTemplate.properties(resource).get("Policies"), statements);
                    statements.removeIf(s -> !"Allow".equals(s.get("Effect")));
                    roles.put(id, statements);
                }
            });
            return roles;
        }

        private static boolean grants(Map<String, Object> statement, String action, String service) {
            boolean actionMatches = asList(statement.get("Action")).stream()
                    .anyMatch(granted -> action.matches(Pattern.quote(granted).replace("*", "\\E.*\\Q")));
            if (!actionMatches || !references(statement.get("Resource")).contains("WorkflowsKey")) {
                return false;
            }
            Object condition = statement.get("Condition");
            if (String.valueOf(condition).contains("kms:EncryptionContext:")) {
                return false; // a grant for one encryption context (a state machine's, a log delivery's) only
            }
            Object via = condition instanceof Map<?, ?> c && c.get("StringEquals") instanceof Map<?, ?> equals
                    ? equals.get("kms:ViaService")
                    : null;
            return via == null || String.valueOf(via).contains(service + ".${AWS::Region}.amazonaws.com");
        }

        /** Logical ids named by Ref, GetAtt or ${X} / ${X.Arn} in a Sub, through If and lists; X.Alias is X. */
        private static Set<String> references(Object value) {
            Set<String> ids = new TreeSet<>();
            if (value instanceof Map<?, ?> map) {
                if (map.get("Ref") instanceof String ref) {
                    ids.add(ref.replaceAll("\\.Alias$", ""));
                } else if (map.get("Fn::GetAtt") instanceof List<?> getAtt) {
                    ids.add(String.valueOf(getAtt.get(0)));
                } else if (map.get("Fn::Sub") instanceof String sub) {
                    Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9]+)[.}]").matcher(sub);
                    while (m.find()) {
                        ids.add(m.group(1));
                    }
                } else {
                    map.values().forEach(v -> ids.addAll(references(v)));
                }
            } else if (value instanceof List<?> list) {
                list.forEach(v -> ids.addAll(references(v)));
            }
            return ids;
        }
    }

    @SuppressWarnings("unchecked")
    static void collectStatements(Object node, List<Map<String, Object>> statements) {
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

    static List<String> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(value));
    }
}
