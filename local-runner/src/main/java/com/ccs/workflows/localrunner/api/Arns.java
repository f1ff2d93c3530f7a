package com.ccs.workflows.localrunner.api;

/**
 * The shape checks AWS makes on ARN parameters before looking anything up: a malformed ARN, or one of another
 * resource type, is InvalidArn; a well-formed ARN of something that does not exist is the operation's
 * *DoesNotExist error. The account is not checked, so ARNs written for any account reach the lookup.
 */
final class Arns {
    private Arns() {}

    /** {@code arn:<partition>:states:<region>:<account>:stateMachine:<name>}. */
    static String stateMachine(String arn) {
        check(arn, "stateMachine", 1);
        return arn;
    }

    /**
     * A state machine ARN optionally followed by {@code #TestCase}: Step Functions Local's way of running an
     * execution against a test case of the mock configuration.
     */
    static String stateMachineWithTestCase(String arn) {
        int hash = arn.indexOf('#');
        stateMachine(hash < 0 ? arn : arn.substring(0, hash));
        if (hash == arn.length() - 1) {
            throw ApiErrors.invalidArn("Invalid ARN prefix: " + arn);
        }
        return arn;
    }

    /** A STANDARD ({@code execution:<machine>:<name>}) or EXPRESS ({@code express:...:<id>}) execution ARN. */
    static String execution(String arn) {
        String type = resourceType(arn);
        if (type.equals("express")) {
            check(arn, "express", 3);
        } else {
            check(arn, "execution", 2);
        }
        return arn;
    }

    /** An IAM role ARN ({@code arn:<partition>:iam::<account>:role/<name>}). */
    static String role(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || !parts[2].equals("iam") || parts[5].isEmpty()) {
            throw ApiErrors.invalidArn("Invalid ARN prefix: " + arn);
        }
        if (!parts[5].startsWith("role/")) {
            throw ApiErrors.invalidArn("Resource type not valid in this context: " + parts[5].split("/", 2)[0]);
        }
        return arn;
    }

    private static void check(String arn, String expectedType, int nameParts) {
        String[] parts = arn.split(":", -1);
        if (parts.length < 7
                || !parts[0].equals("arn")
                || parts[1].isEmpty()
                || !parts[2].equals("states")
                || parts[3].isEmpty()
                || parts[4].isEmpty()) {
            throw ApiErrors.invalidArn("Invalid ARN prefix: " + arn);
        }
        if (!parts[5].equals(expectedType)) {
            throw ApiErrors.invalidArn("Resource type not valid in this context: " + parts[5]);
        }
        int names = parts.length - 6;
        // A state machine ARN may carry a version or alias qualifier; executions have exactly their parts.
        boolean countOk = expectedType.equals("stateMachine") ? names == 1 || names == 2 : names == nameParts;
        if (!countOk) {
            throw ApiErrors.invalidArn("Invalid ARN: " + arn);
        }
        for (int i = 6; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                throw ApiErrors.invalidArn("Invalid ARN: " + arn);
            }
        }
    }

    private static String resourceType(String arn) {
        String[] parts = arn.split(":", 7);
        if (parts.length < 7 || !parts[0].equals("arn")) {
            throw ApiErrors.invalidArn("Invalid ARN prefix: " + arn);
        }
        return parts[5];
    }
}
