package com.ccs.workflows.localrunner.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.RequiredTrait;

/**
 * Checks a TestState mock result against the output model of the service API its Task calls, as Step Functions
 * does: in STRICT mode every required member must be there, in STRICT and PRESENT mode every member given must
 * have the model's type (members the model does not know are let through), NONE checks nothing. The models are
 * those of the AWS SDK for Java the runner carries (DynamoDB, SNS, SQS, Secrets Manager) and Lambda's Invoke
 * output; a mock for any other integration, a Lambda function ARN or a callback's answer is taken as given.
 */
public final class MockResultSchema {
    /** The AWS SDK packages of the services whose models the runner carries, by integration service name. */
    private static final Map<String, String> SDK_PACKAGES =
            Map.of("dynamodb", "dynamodb", "sns", "sns", "sqs", "sqs", "secretsmanager", "secretsmanager");
    /** Lambda Invoke's output as the lambda:invoke integration returns it (its Payload is the function's JSON). */
    private static final Map<String, String> LAMBDA_INVOKE = Map.of(
            "StatusCode",
            "a number",
            "FunctionError",
            "a string",
            "LogResult",
            "a string",
            "ExecutedVersion",
            "a string");

    private MockResultSchema() {}

    /**
     * @param mode STRICT (the default when null), PRESENT or NONE
     * @throws IllegalArgumentException with AWS's message when the result does not fit the model
     */
    public static void check(ResourceArn resource, JsonNode result, String mode) {
        String effective = mode == null ? "STRICT" : mode;
        if (effective.equals("NONE")
                || resource.kind() != ResourceArn.Kind.SERVICE
                || resource.pattern() != ResourceArn.Pattern.REQUEST_RESPONSE
                || !result.isObject()) {
            return;
        }
        String service =
                resource.service().startsWith("aws-sdk:") ? resource.service().substring(8) : resource.service();
        if (service.equals("lambda") && resource.action().equals("invoke")) {
            LAMBDA_INVOKE.forEach((field, type) -> {
                JsonNode value = result.get(field);
                if (value != null && !fits(value, type)) {
                    throw invalid("Field '" + field + "' must be " + type);
                }
            });
            return;
        }
        modelOf(service, resource.action())
                .ifPresent(model -> object(result, model.sdkFields(), effective.equals("STRICT")));
    }

    private static Optional<SdkPojo> modelOf(String service, String action) {
        String sdkPackage = SDK_PACKAGES.get(service);
        if (sdkPackage == null || action.isEmpty()) {
            return Optional.empty();
        }
        String type = "software.amazon.awssdk.services." + sdkPackage + ".model."
                + Character.toUpperCase(action.charAt(0)) + action.substring(1) + "Response";
        try {
            return Optional.of(
                    (SdkPojo) Class.forName(type).getMethod("builder").invoke(null));
        } catch (ReflectiveOperationException e) {
            return Optional.empty(); // an action of the service this SDK does not know: nothing to check against
        }
    }

    private static void object(JsonNode value, List<SdkField<?>> fields, boolean strict) {
        for (SdkField<?> field : fields) {
            String name = sfnName(field);
            JsonNode member = value.get(name);
            if (member == null) {
                if (strict && field.containsTrait(RequiredTrait.class)) {
                    throw invalid("Required field '" + name + "' is missing");
                }
                continue;
            }
            member(member, field, name, strict);
        }
    }

    private static void member(JsonNode value, SdkField<?> field, String name, boolean strict) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.DOCUMENT || value.isNull()) {
            return;
        }
        if (type == MarshallingType.SDK_POJO) {
            require(value.isObject(), name, "an object");
            object(value, field.constructor().get().sdkFields(), strict);
        } else if (type == MarshallingType.LIST) {
            require(value.isArray(), name, "an array");
            SdkField<?> element = field.getTrait(ListTrait.class).memberFieldInfo();
            value.forEach(item -> member(item, element, name, strict));
        } else if (type == MarshallingType.MAP) {
            require(value.isObject(), name, "an object");
            SdkField<?> entry = field.getTrait(MapTrait.class).valueFieldInfo();
            value.forEach(item -> member(item, entry, name, strict));
        } else if (type == MarshallingType.BOOLEAN) {
            require(value.isBoolean(), name, "a boolean");
        } else if (type == MarshallingType.STRING
                || type == MarshallingType.INSTANT
                || type == MarshallingType.SDK_BYTES) {
            require(value.isTextual(), name, "a string");
        } else {
            require(value.isNumber(), name, "a number");
        }
    }

    /** Step Functions names an output member as the API's wire format does, with a capital first letter. */
    private static String sfnName(SdkField<?> field) {
        String name = field.locationName() != null ? field.locationName() : field.memberName();
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    private static boolean fits(JsonNode value, String type) {
        return type.equals("a number") ? value.isNumber() : value.isTextual();
    }

    private static void require(boolean fits, String name, String type) {
        if (!fits) {
            throw invalid("Field '" + name + "' must be " + type);
        }
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("Mock result schema validation error: " + problem);
    }
}
