package com.ccs.workflows.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * Each role in template.yaml grants what its code or definition calls, nothing more and nothing less.
 *
 * <p><b>Functions.</b> The AWS calls a function makes are read from its module's main sources: calls on a variable
 * declared as one of the SDK clients the functions use ({@code DynamoDbClient dynamo; ... dynamo.getItem(...)}),
 * in the methods its handler can reach. Reachability is by method name: starting from the handler class (its
 * constructors and {@code handleRequest}), every method of the module whose name a reachable body calls, or whose
 * class it instantiates, is reachable. That over-approximates (two methods of one name are both taken), never
 * misses a call written in the module or in the library modules it depends on (approval-core), and is precise
 * enough to tell apart the three functions that share that library. Each call maps to its IAM action ({@code DynamoDbClient.getItem -> dynamodb:GetItem},
 * {@code IotDataPlaneClient.publish -> iot:Publish}, ...). KMS, CloudWatch Logs and X-Ray actions are granted for
 * encryption and telemetry, not called by the code, and are outside the comparison.
 *
 * <p><b>State machines.</b> The service integrations of each ASL definition ({@code arn:aws:states:::sns:publish},
 * {@code lambda:invoke.waitForTaskToken}, ...) give the actions it needs; each must be in the module description's
 * IAM section (/work/shared/spec/workflows-module.md, "Step Functions Role", or the copy named by
 * {@code ccs.specFile}), and the role must grant exactly those, on exactly the resources the definition's
 * substitutions name.
 */
class LeastPrivilegeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("ccs.projectRoot", ".."))
            .toAbsolutePath()
            .normalize();
    private static final Set<String> OUTSIDE_COMPARISON = Set.of("kms", "logs", "xray");

    /** SDK client type (or shared-lib's own client of one operation) -> IAM service prefix. */
    private static final Map<String, String> CLIENTS = Map.of(
            "DynamoDbClient",
            "dynamodb",
            "SnsClient",
            "sns",
            "SfnClient",
            "states",
            "SecretsManagerClient",
            "secretsmanager",
            "SchedulerClient",
            "scheduler",
            "IotDataPlaneClient",
            "iot",
            "SecretsManagerSecrets",
            "secretsmanager",
            "DynamoDbBatchGet",
            "dynamodb");
    /** Methods of shared-lib's clients whose name is not the operation they call. */
    private static final Map<String, String> OPERATIONS =
            Map.of("secretsmanager:SecretString", "secretsmanager:GetSecretValue");
    /** Client methods that are not service calls. */
    private static final Set<String> NOT_CALLS =
            Set.of("close", "serviceName", "serviceClientConfiguration", "utilities", "waiter");
    /**
     * Permissions a call needs besides its own action: CreateSchedule with a target role makes Scheduler check that
     * the caller may pass that role (iam:PassRole); nothing in the code calls IAM.
     */
    private static final Map<String, String> IMPLIED = Map.of("scheduler:CreateSchedule", "iam:PassRole");
    /**
     * Differences between a state machine role and its definition that template.yaml still has, with the change that
     * removes each. This list pins them: a new difference fails, and so does the template fix, until its line here
     * is deleted with it.
     */
    private static final Map<String, Set<String>> PENDING_TEMPLATE_CHANGES = Map.of();
    /**
     * Integrations a definition uses beyond the module description's IAM section, each with its reason. Pinned: a new
     * one fails until it is listed here.
     */
    private static final Map<String, Set<String>> BEYOND_DESCRIPTION = Map.of(
            // parks an invalid event from the queue on its dead-letter queue instead of redelivering it 5 times
            "EmergencyWorkflow", Set.of("sqs:SendMessage"),
            // records on the contract a welcome that could not be sent, or a refund that failed (for review)
            "BusinessWorkflow", Set.of("dynamodb:UpdateItem"));

    private static SamTemplate template;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.load(ROOT.resolve("template.yaml"));
    }

    @Test
    void everyFunctionPolicyGrantsExactlyTheCallsItsCodeMakes() throws IOException {
        Map<String, Map<String, Object>> functions = template.resourcesOfType("AWS::Serverless::Function");
        assertThat(functions).hasSizeGreaterThanOrEqualTo(8);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> function : functions.entrySet()) {
            Map<String, Object> properties = SamTemplate.properties(function.getValue());
            String handler = (String) properties.get("Handler");
            Module module = Module.read(sourceRoots(ROOT.resolve((String) properties.get("CodeUri"))));
            Set<String> calls = module.actionsReachableFrom(
                    handler.substring(handler.lastIndexOf('.', handler.indexOf("::")) + 1, handler.indexOf("::")));
            Set<String> granted = new TreeSet<>();
            statements(properties.get("Policies")).forEach(s -> granted.addAll(asList(s.get("Action"))));
            granted.removeIf(LeastPrivilegeTest::outsideComparison);
            System.out.println(function.getKey() + ": code calls " + calls + ", policy grants " + granted);
            problems.addAll(differences(function.getKey(), calls, granted));
        }
        assertThat(problems).as("function policies vs the calls in their code").isEmpty();
    }

    @Test
    void stateMachineRolesGrantWhatTheirDefinitionsUseWithinTheModuleDescription() throws IOException {
        Set<String> described = describedStepFunctionsActions();
        assertThat(described).contains("lambda:InvokeFunction", "sns:Publish", "dynamodb:PutItem");
        Map<String, Set<String>> found = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        template.resourcesOfType("AWS::StepFunctions::StateMachine").forEach((id, machine) -> {
            Map<String, Object> properties = SamTemplate.properties(machine);
            @SuppressWarnings("unchecked")
            Map<String, Object> substitutions = (Map<String, Object>) properties.get("DefinitionSubstitutions");
            Map<String, Set<String>> used =
                    integrations(ROOT.resolve((String) properties.get("DefinitionS3Location")), substitutions);
            String role = resourceName(properties.get("RoleArn"));
            Map<String, Set<String>> granted = new HashMap<>();
            statements(SamTemplate.properties(template.resources().get(role)).get("Policies"))
                    .forEach(s -> asList(s.get("Action"))
                            .forEach(action -> granted.computeIfAbsent(action, a -> new TreeSet<>())
                                    .addAll(asResources(s.get("Resource")))));
            granted.keySet().removeIf(LeastPrivilegeTest::outsideComparison);
            System.out.println(id + " (" + role + "): definition uses " + used + ", role grants " + granted);

            used.keySet().stream()
                    .filter(a -> !described.contains(a)
                            && !BEYOND_DESCRIPTION.getOrDefault(id, Set.of()).contains(a))
                    .forEach(a -> problems.add(
                            id + " uses " + a + ", which the module description's IAM section does not list"));
            List<String> differences = differences(role, used.keySet(), granted.keySet());
            used.forEach((action, resources) -> {
                if (granted.containsKey(action) && !granted.get(action).equals(resources)) {
                    differences.add(role + ": " + action + " on " + granted.get(action) + " but the definition uses "
                            + resources);
                }
            });
            Set<String> pending = PENDING_TEMPLATE_CHANGES.getOrDefault(role, Set.of());
            found.put(
                    role,
                    new TreeSet<>(differences.stream()
                            .map(d -> d.substring(d.indexOf(": ") + 2))
                            .toList()));
            if (!found.get(role).equals(pending)) {
                problems.add(role + " differs from its definition by " + found.get(role)
                        + (pending.isEmpty()
                                ? ""
                                : "; pinned as pending: " + pending + " (delete the pin with the template fix)"));
            }
        });
        assertThat(found).containsKeys("EmergencyWorkflowRole", "BusinessWorkflowRole");
        found.forEach((role, differences) -> {
            if (!differences.isEmpty()) {
                System.out.println("PENDING template change for " + role + ": " + differences);
            }
        });
        assertThat(problems).as("state machine roles vs their definitions").isEmpty();
    }

    // ---- functions: SDK calls in the module's sources ----

    /**
     * A function module's main sources and those of the library modules of functions/ it depends on (the approval
     * functions' shared approval-core): the code its zip runs.
     */
    private static List<Path> sourceRoots(Path module) throws IOException {
        List<Path> roots = new ArrayList<>(List.of(module.resolve("src/main/java")));
        for (String dependency : Files.readString(module.resolve("pom.xml")).split("<dependency>")) {
            Matcher artifact =
                    Pattern.compile("<artifactId>([\\w-]+)</artifactId>").matcher(dependency);
            if (dependency.contains("<scope>test</scope>") || !artifact.find()) {
                continue;
            }
            Path sibling = module.resolveSibling(artifact.group(1)).resolve("src/main/java");
            if (!sibling.startsWith(module) && Files.isDirectory(sibling)) {
                roots.add(sibling);
            }
        }
        return roots;
    }

    /** One function module's main sources, split into methods, with the SDK client variables of each class. */
    private record Module(Map<String, List<Method>> methodsByName, Map<String, List<Method>> methodsByClass) {
        private static final Pattern DECLARATION =
                Pattern.compile("(\\w+)\\s*\\(([^()]|\\([^()]*\\))*\\)\\s*(throws\\s+[\\w.,\\s]+)?\\{");
        private static final Set<String> KEYWORDS = Set.of(
                "if",
                "for",
                "while",
                "switch",
                "catch",
                "synchronized",
                "try",
                "return",
                "new",
                "else",
                "do",
                "super",
                "this");
        /** A call or instantiation, with its qualifier when it has one ({@code Observability.handle(}, {@code store.find(}). */
        private static final Pattern CALL =
                Pattern.compile("(?:\\b(\\w+)\\s*\\.\\s*)?(?:\\bnew\\s+)?\\b(\\w+)\\s*\\(|(\\w+)::(\\w+)");

        private static final Pattern TRANSACTION_ITEM = Pattern.compile(
                "TransactWriteItem\\s*\\.\\s*builder\\(\\)\\s*\\.\\s*(put|update|conditionCheck|delete)\\s*\\(");
        private static final Pattern PRIMING = Pattern.compile(".*(Priming|Primer)");
        private static final Map<String, String> TRANSACTION_ACTIONS = Map.of(
                "put",
                "dynamodb:PutItem",
                "update",
                "dynamodb:UpdateItem",
                "conditionCheck",
                "dynamodb:ConditionCheckItem",
                "delete",
                "dynamodb:DeleteItem");

        static Module read(List<Path> sourceRoots) throws IOException {
            Map<String, List<Method>> byName = new HashMap<>();
            Map<String, List<Method>> byClass = new HashMap<>();
            List<Path> sources = new ArrayList<>();
            for (Path root : sourceRoots) {
                try (Stream<Path> files = Files.walk(root)) {
                    sources.addAll(
                            files.filter(f -> f.toString().endsWith(".java")).toList());
                }
            }
            {
                for (Path file : sources) {
                    String className = file.getFileName().toString().replace(".java", "");
                    String text = withoutCommentsAndStrings(Files.readString(file));
                    Map<String, String> clients = new HashMap<>();
                    Matcher declared = Pattern.compile(
                                    "\\b(" + String.join("|", CLIENTS.keySet()) + ")\\s+(\\w+)\\s*[;,)=]")
                            .matcher(text);
                    while (declared.find()) {
                        clients.put(declared.group(2), CLIENTS.get(declared.group(1)));
                    }
                    Matcher m = DECLARATION.matcher(text);
                    while (m.find()) {
                        if (KEYWORDS.contains(m.group(1)) || precededByDotOrNew(text, m.start())) {
                            continue;
                        }
                        int end = matchingBrace(text, m.end() - 1);
                        Method method = new Method(className, m.group(1), text.substring(m.end(), end), clients, text);
                        byName.computeIfAbsent(method.name(), k -> new ArrayList<>())
                                .add(method);
                        byClass.computeIfAbsent(className, k -> new ArrayList<>())
                                .add(method);
                    }
                }
            }
            return new Module(byName, byClass);
        }

        /** The IAM actions of every SDK call reachable from the handler class's methods. */
        Set<String> actionsReachableFrom(String handlerClass) {
            assertThat(methodsByClass).as("handler class %s", handlerClass).containsKey(handlerClass);
            Set<Method> reached = new java.util.HashSet<>();
            Deque<Method> todo = new ArrayDeque<>(methodsByClass.get(handlerClass));
            Set<String> actions = new TreeSet<>();
            while (!todo.isEmpty()) {
                Method method = todo.pop();
                // SnapStart priming drives the request path on SDK clients that answer in memory: its calls never
                // reach AWS and need no permission.
                if (PRIMING.matcher(method.className()).matches() || !reached.add(method)) {
                    continue;
                }
                // Another function's handler in the same module is an entry point of its own: no code calls into
                // it, though its handle() shares a name with the services' methods.
                if (method.className().endsWith("Handler")
                        && !method.className().equals(handlerClass)) {
                    continue;
                }
                actions.addAll(method.sdkActions());
                Matcher call = CALL.matcher(method.body());
                while (call.find()) {
                    String qualifier = call.group(2) != null ? call.group(1) : call.group(3);
                    String name = call.group(2) != null ? call.group(2) : call.group(4);
                    // A static call on a class outside the module (Observability.handle, Map.of) cannot reach the
                    // module's methods of the same name.
                    boolean external = qualifier != null
                            && Character.isUpperCase(qualifier.charAt(0))
                            && !methodsByClass.containsKey(qualifier);
                    if (!external) {
                        todo.addAll(methodsByName.getOrDefault(name, List.of()));
                    }
                }
            }
            new TreeSet<>(actions).forEach(a -> {
                if (IMPLIED.containsKey(a)) {
                    actions.add(IMPLIED.get(a));
                }
            });
            return actions;
        }

        private static boolean precededByDotOrNew(String text, int start) {
            int i = start - 1;
            while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
                i--;
            }
            return i >= 0 && (text.charAt(i) == '.' || text.startsWith("new", i - 2) || text.charAt(i) == '=');
        }

        private static int matchingBrace(String text, int open) {
            int depth = 0;
            for (int i = open; i < text.length(); i++) {
                if (text.charAt(i) == '{') {
                    depth++;
                } else if (text.charAt(i) == '}' && --depth == 0) {
                    return i;
                }
            }
            return text.length();
        }

        /** Comments removed and string/char literals emptied, so neither can look like code. */
        private static String withoutCommentsAndStrings(String source) {
            return source.replaceAll("(?s)/\\*.*?\\*/", " ")
                    .replaceAll("(?s)\"\"\".*?\"\"\"", "\"\"")
                    .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                    .replaceAll("'(\\\\.|[^'\\\\])'", "' '")
                    .replaceAll("//[^\n]*", " ");
        }
    }

    private record Method(String className, String name, String body, Map<String, String> clients, String classText) {
        private static final Pattern RECEIVER_CALL = Pattern.compile("\\b(\\w+)\\s*\\.\\s*(\\w+)\\s*\\(");

        Set<String> sdkActions() {
            Set<String> actions = new TreeSet<>();
            Matcher m = RECEIVER_CALL.matcher(body);
            while (m.find()) {
                String service = clients.get(m.group(1));
                if (service == null || NOT_CALLS.contains(m.group(2))) {
                    continue;
                }
                if (service.equals("dynamodb") && m.group(2).equals("transactWriteItems")) {
                    actions.addAll(transactionActions());
                } else {
                    String action =
                            service + ":" + Character.toUpperCase(m.group(2).charAt(0))
                                    + m.group(2).substring(1);
                    actions.add(OPERATIONS.getOrDefault(action, action));
                }
            }
            return actions;
        }

        /**
         * TransactWriteItems is authorised per item: IAM checks the action of each Put, Update, ConditionCheck and
         * Delete it contains, not "dynamodb:TransactWriteItems". The items are read where the call is made (this
         * method), else anywhere in its class; a transaction whose items cannot be found fails the test.
         */
        private Set<String> transactionActions() {
            Set<String> actions = new TreeSet<>();
            for (String text : List.of(body, classText)) {
                Matcher item = Module.TRANSACTION_ITEM.matcher(text);
                while (item.find()) {
                    actions.add(Module.TRANSACTION_ACTIONS.get(item.group(1)));
                }
                if (!actions.isEmpty()) {
                    return actions;
                }
            }
            throw new AssertionError(
                    className + "." + name + " calls transactWriteItems with items this test cannot find");
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    // ---- state machines: service integrations of the definitions ----

    private static final Map<String, String> INTEGRATION_ACTIONS = Map.of(
            "lambda:invoke",
            "lambda:InvokeFunction",
            "sns:publish",
            "sns:Publish",
            "dynamodb:putItem",
            "dynamodb:PutItem",
            "dynamodb:updateItem",
            "dynamodb:UpdateItem",
            "dynamodb:getItem",
            "dynamodb:GetItem",
            "dynamodb:deleteItem",
            "dynamodb:DeleteItem",
            "sqs:sendMessage",
            "sqs:SendMessage",
            "states:startExecution",
            "states:StartExecution");
    private static final Map<String, String> RESOURCE_PARAMETER = Map.of(
            "lambda",
            "FunctionName",
            "sns",
            "TopicArn",
            "dynamodb",
            "TableName",
            "sqs",
            "QueueUrl",
            "states",
            "StateMachineArn");

    /** IAM action -> the template resources (logical ids) it is used on, for every Task of the definition. */
    private static Map<String, Set<String>> integrations(Path definition, Map<String, Object> substitutions) {
        Map<String, Set<String>> used = new LinkedHashMap<>();
        try {
            collectTasks(JSON.readTree(definition.toFile()), (resource, parameters) -> {
                Matcher m = Pattern.compile("arn:aws:states:::([a-z0-9]+):([A-Za-z]+)(\\.\\w+)?")
                        .matcher(resource);
                assertThat(m.matches())
                        .as("%s: a service integration, got %s", definition.getFileName(), resource)
                        .isTrue();
                String action = INTEGRATION_ACTIONS.get(m.group(1) + ":" + m.group(2));
                assertThat(action)
                        .as("IAM action of %s (add it to INTEGRATION_ACTIONS)", resource)
                        .isNotNull();
                String target =
                        parameters.path(RESOURCE_PARAMETER.get(m.group(1))).asText();
                Matcher substitution = Pattern.compile("\\$\\{(\\w+)}").matcher(target);
                assertThat(substitution.matches())
                        .as("%s target comes from a substitution, got %s", resource, target)
                        .isTrue();
                used.computeIfAbsent(action, a -> new TreeSet<>())
                        .add(resourceName(substitutions.get(substitution.group(1))));
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return used;
    }

    private static void collectTasks(JsonNode node, java.util.function.BiConsumer<String, JsonNode> task) {
        if (node.isObject()) {
            if ("Task".equals(node.path("Type").asText())) {
                // A JSONata state names its request in Arguments, a JSONPath state in Parameters.
                task.accept(
                        node.path("Resource").asText(),
                        node.has("Arguments") ? node.path("Arguments") : node.path("Parameters"));
            }
            node.fields().forEachRemaining(e -> collectTasks(e.getValue(), task));
        } else if (node.isArray()) {
            node.forEach(child -> collectTasks(child, task));
        }
    }

    /** The actions of the "Step Functions Role" JSON block of the module description. */
    private static Set<String> describedStepFunctionsActions() throws IOException {
        Path spec = Path.of(System.getProperty("ccs.specFile", "/work/shared/spec/workflows-module.md"));
        String text = Files.readString(spec);
        int section = text.indexOf("### Step Functions Role");
        assertThat(section).as("IAM section in %s", spec).isGreaterThanOrEqualTo(0);
        int start = text.indexOf("```json", section) + "```json".length();
        JsonNode policy = JSON.readTree(text.substring(start, text.indexOf("```", start)));
        Set<String> actions = new TreeSet<>();
        policy.path("Statement").forEach(s -> {
            JsonNode action = s.path("Action");
            if (action.isArray()) {
                action.forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(action.asText());
            }
        });
        return actions;
    }

    // ---- shared ----

    private static List<String> differences(String owner, Set<String> needed, Set<String> granted) {
        List<String> out = new ArrayList<>();
        needed.stream().filter(a -> !granted.contains(a)).forEach(a -> out.add(owner + ": missing " + a));
        granted.stream().filter(a -> !needed.contains(a)).forEach(a -> out.add(owner + ": excess " + a));
        return out;
    }

    private static boolean outsideComparison(String action) {
        return OUTSIDE_COMPARISON.contains(action.substring(0, action.indexOf(':')));
    }

    /** {@code Ref X}, {@code Ref X.Alias} and {@code GetAtt [X, Arn]} all name the resource X (an alias of X is X). */
    private static String resourceName(Object value) {
        if (value instanceof Map<?, ?> map && map.get("Ref") instanceof String ref) {
            return ref.replaceAll("\\.Alias$", "");
        }
        if (value instanceof Map<?, ?> map && map.get("Fn::GetAtt") instanceof List<?> list) {
            return String.valueOf(list.get(0));
        }
        return String.valueOf(value);
    }

    private static Set<String> asResources(Object value) {
        Set<String> out = new TreeSet<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> out.add(resourceName(v)));
        } else {
            out.add(resourceName(value));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Object node) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            if (map.containsKey("Effect") && map.containsKey("Action")) {
                out.add((Map<String, Object>) map);
            } else {
                map.values().forEach(v -> out.addAll(statements(v)));
            }
        } else if (node instanceof List<?> list) {
            list.forEach(v -> out.addAll(statements(v)));
        }
        return out;
    }

    private static List<String> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(value));
    }
}
