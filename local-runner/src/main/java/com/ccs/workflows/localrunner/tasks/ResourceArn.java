package com.ccs.workflows.localrunner.tasks;

/**
 * A Task's Resource, classified the way Step Functions dispatches it.
 *
 * @param service e.g. {@code lambda}, {@code sqs}, {@code aws-sdk:s3}; the function/activity name for those kinds
 * @param action e.g. {@code invoke}, {@code sendMessage}; null for Lambda function and activity ARNs
 */
public record ResourceArn(String arn, Kind kind, String service, String action, Pattern pattern) {

    public enum Kind {
        /** {@code arn:aws:states:::service:action[.pattern]}, including {@code aws-sdk:*}. */
        SERVICE,
        /** {@code arn:aws:lambda:region:account:function:name}: the legacy Lambda integration. */
        LAMBDA_FUNCTION,
        /** {@code arn:aws:states:region:account:activity:name}. */
        ACTIVITY,
        OTHER
    }

    /** Integration pattern: request/response, run a job (.sync, .sync:2) or wait for a callback. */
    public enum Pattern {
        REQUEST_RESPONSE,
        SYNC,
        SYNC2,
        WAIT_FOR_TASK_TOKEN
    }

    public static ResourceArn parse(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length == 6 && parts[2].equals("states") && parts[3].isEmpty() && parts[4].isEmpty()) {
            String rest = parts[5];
            Pattern pattern = Pattern.REQUEST_RESPONSE;
            for (var suffix : new Object[][] {
                {".waitForTaskToken", Pattern.WAIT_FOR_TASK_TOKEN}, {".sync:2", Pattern.SYNC2}, {".sync", Pattern.SYNC}
            }) {
                if (rest.endsWith((String) suffix[0])) {
                    rest = rest.substring(0, rest.length() - ((String) suffix[0]).length());
                    pattern = (Pattern) suffix[1];
                    break;
                }
            }
            int split = rest.lastIndexOf(':');
            return new ResourceArn(
                    arn, Kind.SERVICE, rest.substring(0, Math.max(split, 0)), rest.substring(split + 1), pattern);
        }
        if (parts.length == 6 && parts[2].equals("lambda") && parts[5].startsWith("function:")) {
            return new ResourceArn(
                    arn,
                    Kind.LAMBDA_FUNCTION,
                    parts[5].substring("function:".length()),
                    null,
                    Pattern.REQUEST_RESPONSE);
        }
        if (parts.length == 6 && parts[2].equals("states") && parts[5].startsWith("activity:")) {
            return new ResourceArn(
                    arn, Kind.ACTIVITY, parts[5].substring("activity:".length()), null, Pattern.REQUEST_RESPONSE);
        }
        return new ResourceArn(arn, Kind.OTHER, null, null, Pattern.REQUEST_RESPONSE);
    }

    /** {@code resourceType} of TaskScheduled events, e.g. {@code lambda} or {@code aws-sdk:s3}. */
    public String resourceType() {
        return service;
    }

    /** {@code resource} of TaskScheduled events, e.g. {@code invoke} or {@code sendMessage.waitForTaskToken}. */
    public String resourceName() {
        return switch (pattern) {
            case REQUEST_RESPONSE -> action;
            case SYNC -> action + ".sync";
            case SYNC2 -> action + ".sync:2";
            case WAIT_FOR_TASK_TOKEN -> action + ".waitForTaskToken";
        };
    }
}
