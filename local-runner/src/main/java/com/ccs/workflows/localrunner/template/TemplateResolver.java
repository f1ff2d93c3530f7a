package com.ccs.workflows.localrunner.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a {@link SamTemplate} for one local deployment: parameter defaults and overrides, pseudo parameters,
 * Conditions, and the intrinsic functions (Ref, Fn::GetAtt, Fn::Sub, Fn::If, Fn::Equals, Fn::Not/And/Or,
 * Fn::Join, Fn::Select, Fn::Split) over the resources the workflows use. A resource's Ref is its physical id as
 * CloudFormation returns it (table name, topic ARN, queue URL, secret ARN, function name, state machine ARN, and
 * {@code Function.Alias} the alias ARN of SAM's AutoPublishAlias); ids known only once a resource exists (a
 * secret's ARN suffix, a queue's URL on an emulator) are bound with {@link #bind}.
 */
public final class TemplateResolver {
    /** AWS::NoValue: the property is dropped. */
    private static final Object NO_VALUE = new Object();

    private static final String STACK_NAME = "ccs-local";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final SamTemplate template;
    private final String region;
    private final String account;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Map<String, String> bound = new HashMap<>();
    private final Map<String, Boolean> conditions = new HashMap<>();
    /** As CloudFormation's stack id, unique per deployment: two deployments side by side are two stacks. */
    private final String stackId;

    public TemplateResolver(SamTemplate template, Map<String, String> overrides, String region, String account) {
        this.template = template;
        this.region = region;
        this.account = account;
        this.stackId =
                "arn:aws:cloudformation:" + region + ":" + account + ":stack/" + STACK_NAME + "/" + UUID.randomUUID();
        template.parameters().forEach((name, definition) -> {
            Object value = overrides.containsKey(name) ? overrides.get(name) : definition.get("Default");
            if (value == null) {
                throw new IllegalArgumentException("Parameter " + name + " has no Default: pass a value for it");
            }
            parameters.put(name, scalar(value));
        });
        for (String name : overrides.keySet()) {
            if (!template.parameters().containsKey(name)) {
                throw new IllegalArgumentException("template.yaml has no parameter " + name + " (parameters: "
                        + template.parameters().keySet() + ")");
            }
        }
    }

    public SamTemplate template() {
        return template;
    }

    public String region() {
        return region;
    }

    public String account() {
        return account;
    }

    public Map<String, String> parameters() {
        return Map.copyOf(parameters);
    }

    /** Records the physical id (what Ref returns) of a resource once it exists. */
    public void bind(String logicalId, String refValue) {
        bound.put(logicalId, refValue);
    }

    /** Whether the resource is part of the deployment (no Condition, or its Condition holds). */
    public boolean exists(SamTemplate.Resource resource) {
        return resource.condition() == null || condition(resource.condition());
    }

    public boolean condition(String name) {
        Boolean cached = conditions.get(name);
        if (cached != null) {
            return cached;
        }
        if (!template.conditions().containsKey(name)) {
            throw new IllegalArgumentException("template.yaml has no condition " + name);
        }
        boolean value = truth(resolve(template.conditions().get(name)));
        conditions.put(name, value);
        return value;
    }

    /** A property of a resource, resolved. */
    public Object property(SamTemplate.Resource resource, String name) {
        Object value = resolve(resource.properties().get(name));
        return value == NO_VALUE ? null : value;
    }

    public String stringProperty(SamTemplate.Resource resource, String name) {
        Object value = property(resource, name);
        return value == null ? null : scalar(value);
    }

    /** Evaluates every intrinsic function in {@code value}. */
    public Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = map.keySet().iterator().next().toString();
                if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                    return intrinsic(key, map.values().iterator().next());
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object resolved = resolve(v);
                if (resolved != NO_VALUE) {
                    result.put(k.toString(), resolved);
                }
            });
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            for (Object item : list) {
                Object resolved = resolve(item);
                if (resolved != NO_VALUE) {
                    result.add(resolved);
                }
            }
            return result;
        }
        return value;
    }

    public String resolveString(Object value) {
        return scalar(resolve(value));
    }

    private Object intrinsic(String function, Object argument) {
        return switch (function) {
            case "Ref" -> ref(scalar(argument));
            case "Condition" -> condition(scalar(argument));
            case "Fn::GetAtt" -> {
                List<?> parts = argument instanceof List<?> l
                        ? l
                        : List.of(scalar(argument).split("\\.", 2));
                yield getAtt(scalar(resolve(parts.get(0))), scalar(resolve(parts.get(1))));
            }
            case "Fn::Sub" -> sub(argument);
            case "Fn::If" -> {
                List<?> args = list(argument, 3, function);
                yield condition(scalar(args.get(0))) ? resolve(args.get(1)) : resolve(args.get(2));
            }
            case "Fn::Equals" -> {
                List<?> args = list(argument, 2, function);
                yield Objects.equals(scalar(resolve(args.get(0))), scalar(resolve(args.get(1))));
            }
            case "Fn::Not" -> !truth(resolve(list(argument, 1, function).get(0)));
            case "Fn::And" -> ((List<?>) argument).stream().allMatch(c -> truth(resolve(c)));
            case "Fn::Or" -> ((List<?>) argument).stream().anyMatch(c -> truth(resolve(c)));
            case "Fn::Join" -> {
                List<?> args = list(argument, 2, function);
                List<String> items = new ArrayList<>();
                for (Object item : (List<?>) resolve(args.get(1))) {
                    items.add(scalar(item));
                }
                yield String.join(scalar(args.get(0)), items);
            }
            case "Fn::Select" -> {
                List<?> args = list(argument, 2, function);
                yield ((List<?>) resolve(args.get(1))).get(Integer.parseInt(scalar(resolve(args.get(0)))));
            }
            case "Fn::Split" -> {
                List<?> args = list(argument, 2, function);
                yield List.of(scalar(resolve(args.get(1))).split(Pattern.quote(scalar(args.get(0))), -1));
            }
            default ->
                throw new UnsupportedOperationException(function + " is not supported by the local runner's"
                        + " template resolver (supported: Ref, Fn::GetAtt, Fn::Sub, Fn::If, Fn::Equals, Fn::Not, Fn::And, Fn::Or,"
                        + " Fn::Join, Fn::Select, Fn::Split)");
        };
    }

    private Object ref(String name) {
        switch (name) {
            case "AWS::Region":
                return region;
            case "AWS::AccountId":
                return account;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::StackName":
                return STACK_NAME;
            case "AWS::StackId":
                return stackId;
            case "AWS::NoValue":
                return NO_VALUE;
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (bound.containsKey(name)) {
            return bound.get(name);
        }
        if (name.endsWith(".Alias")) {
            return functionArn(name.substring(0, name.length() - ".Alias".length())) + ":" + alias();
        }
        SamTemplate.Resource resource = template.resources().get(name);
        if (resource == null) {
            throw new IllegalArgumentException("Ref " + name + ": no such parameter or resource in template.yaml");
        }
        return switch (resource.type()) {
            case "AWS::DynamoDB::Table" -> stringProperty(resource, "TableName");
            case "AWS::SNS::Topic" ->
                "arn:aws:sns:" + region + ":" + account + ":" + stringProperty(resource, "TopicName");
            case "AWS::SQS::Queue" ->
                "https://sqs." + region + ".amazonaws.com/" + account + "/" + stringProperty(resource, "QueueName");
            case "AWS::SecretsManager::Secret" ->
                "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + stringProperty(resource, "Name");
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> stringProperty(resource, "FunctionName");
            case "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine" -> stateMachineArn(resource);
            case "AWS::Scheduler::ScheduleGroup" -> stringProperty(resource, "Name");
            case "AWS::Logs::LogGroup" -> stringProperty(resource, "LogGroupName");
            case "AWS::KMS::Key" -> "local-" + name;
            case "AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api" -> "local";
            default -> name; // roles, alarms, pipes...: the logical id stands in for the generated name
        };
    }

    private Object getAtt(String name, String attribute) {
        SamTemplate.Resource resource = template.resource(name);
        String ref = scalar(ref(name));
        return switch (resource.type() + "." + attribute) {
            case "AWS::DynamoDB::Table.Arn" -> "arn:aws:dynamodb:" + region + ":" + account + ":table/" + ref;
            case "AWS::SQS::Queue.Arn" ->
                "arn:aws:sqs:" + region + ":" + account + ":" + stringProperty(resource, "QueueName");
            case "AWS::SQS::Queue.QueueName" -> stringProperty(resource, "QueueName");
            case "AWS::SQS::Queue.QueueUrl" -> ref;
            case "AWS::SNS::Topic.TopicArn" -> ref;
            case "AWS::SNS::Topic.TopicName" -> stringProperty(resource, "TopicName");
            case "AWS::SecretsManager::Secret.Id" -> ref;
            case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + account + ":role/" + name;
            case "AWS::KMS::Key.Arn" -> "arn:aws:kms:" + region + ":" + account + ":key/" + ref;
            case "AWS::KMS::Key.KeyId" -> ref;
            case "AWS::Logs::LogGroup.Arn" -> "arn:aws:logs:" + region + ":" + account + ":log-group:" + ref + ":*";
            case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" -> functionArn(name);
            case "AWS::Serverless::StateMachine.Arn", "AWS::StepFunctions::StateMachine.Arn" -> ref;
            case "AWS::Serverless::StateMachine.Name", "AWS::StepFunctions::StateMachine.Name" ->
                stateMachineName(resource);
            default ->
                throw new UnsupportedOperationException("Fn::GetAtt " + name + "." + attribute + " (" + resource.type()
                        + ") is not supported by the local runner's template resolver");
        };
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> list) {
            text = scalar(list.get(0));
            variables = SamTemplate.map(list.get(1));
        } else {
            text = scalar(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1).strip();
            String replacement;
            if (variable.startsWith("!")) {
                replacement = "${" + variable.substring(1) + "}"; // ${!Literal} is written out as ${Literal}
            } else if (variables.containsKey(variable)) {
                replacement = scalar(resolve(variables.get(variable)));
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                String[] parts = variable.split("\\.", 2);
                replacement = parts[1].equals("Alias") ? scalar(ref(variable)) : scalar(getAtt(parts[0], parts[1]));
            } else {
                replacement = scalar(ref(variable));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The ARN of a function (unqualified). */
    public String functionArn(String logicalId) {
        SamTemplate.Resource resource = template.resource(logicalId);
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + stringProperty(resource, "FunctionName");
    }

    /** SAM's AutoPublishAlias from Globals (functions may set their own). */
    public String alias() {
        Object alias = template.functionGlobals().get("AutoPublishAlias");
        return alias == null ? "live" : resolveString(alias);
    }

    private String stateMachineArn(SamTemplate.Resource resource) {
        return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + stateMachineName(resource);
    }

    /** {@code Name} of an AWS::Serverless::StateMachine, {@code StateMachineName} of an AWS::StepFunctions one. */
    public String stateMachineName(SamTemplate.Resource resource) {
        return stringProperty(resource, resource.type().startsWith("AWS::Serverless::") ? "Name" : "StateMachineName");
    }

    /** The template's directory joined with a relative path such as CodeUri or DefinitionUri. */
    public Path path(String relative) {
        return template.baseDir().resolve(relative).normalize();
    }

    private static List<?> list(Object argument, int size, String function) {
        if (!(argument instanceof List<?> list) || list.size() < size) {
            throw new IllegalArgumentException(function + " expects a list of " + size + " arguments, got " + argument);
        }
        return list;
    }

    private static boolean truth(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return "true".equalsIgnoreCase(String.valueOf(value));
    }

    /** A scalar as CloudFormation passes it on: numbers and booleans as their text. */
    static String scalar(Object value) {
        if (value == null || value == NO_VALUE) {
            return "";
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new IllegalArgumentException("expected a scalar, got " + value);
        }
        return value.toString();
    }
}
