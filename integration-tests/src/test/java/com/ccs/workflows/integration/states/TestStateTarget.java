package com.ccs.workflows.integration.states;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import com.ccs.workflows.integration.stack.Stacks;
import com.ccs.workflows.integration.stack.WorkflowStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Where a state test sends its TestState requests: the local runner's Step Functions API, started in-process with
 * this project deployed (the default), or AWS's own TestState endpoint with {@code -Dccs.teststate.aws=true} and
 * AWS credentials: the profile named by {@code -Dccs.teststate.profile}, else the SDK's default chain (the build
 * sets the dummy key {@code test} in the test JVM's environment, so pass a profile or the {@code aws.accessKeyId}/
 * {@code aws.secretAccessKey} system properties). Region from AWS_REGION, else us-east-1. Without real credentials
 * the AWS run is skipped, saying why. The tests send one request per case, each with a mock where the state calls a
 * service, so nothing is called on AWS either.
 */
final class TestStateTarget implements AutoCloseable {
    static final String ON_AWS = "ccs.teststate.aws";
    static final String PROFILE = "ccs.teststate.profile";
    /** The build's stand-in key for emulators: never a real account's. */
    private static final String DUMMY_KEY = "test";

    private final SfnClient sfn;
    private final WorkflowStack stack;

    private TestStateTarget(SfnClient sfn, WorkflowStack stack) {
        this.sfn = sfn;
        this.stack = stack;
    }

    /** A definition of statemachines/ with its {@code ${...}} placeholders substituted, each one known to the test. */
    static String definition(String file, Map<String, String> substitutions) throws IOException {
        String raw = Files.readString(Path.of(System.getProperty("ccs.project.dir", ".."), "statemachines", file));
        for (var e : substitutions.entrySet()) {
            raw = raw.replace("${" + e.getKey() + "}", e.getValue());
        }
        assertThat(raw).as("a substitution the test does not know").doesNotContain("${");
        return raw;
    }

    /** The names of a definition's states, those in Parallel branches included. */
    static Set<String> stateNames(JsonNode states) {
        Set<String> names = new TreeSet<>();
        collect(states, names);
        return names;
    }

    private static void collect(JsonNode states, Set<String> names) {
        states.properties().forEach(e -> {
            names.add(e.getKey());
            for (JsonNode branch : e.getValue().path("Branches")) {
                collect(branch.get("States"), names);
            }
        });
    }

    static TestStateTarget start() {
        if (!Boolean.getBoolean(ON_AWS)) {
            WorkflowStack local = Stacks.inMemory();
            return new TestStateTarget(local.sfn(), local);
        }
        String profile = System.getProperty(PROFILE);
        AwsCredentialsProvider credentials = profile == null || profile.isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.create(profile);
        AwsCredentials resolved = null;
        try {
            resolved = credentials.resolveCredentials();
        } catch (SdkClientException e) {
            abort("-D" + ON_AWS + "=true asks for AWS's TestState endpoint, but no AWS credentials were found ("
                    + e.getMessage() + "): the state tests are skipped");
        }
        if (DUMMY_KEY.equals(resolved.accessKeyId())) {
            abort("-D" + ON_AWS + "=true asks for AWS's TestState endpoint, but the only credentials are the build's"
                    + " dummy ones: give -D" + PROFILE
                    + "=<profile> (or -Daws.accessKeyId/-Daws.secretAccessKey); the state"
                    + " tests are skipped");
        }
        String region = System.getenv().getOrDefault("AWS_REGION", "us-east-1");
        return new TestStateTarget(
                SfnClient.builder()
                        .credentialsProvider(credentials)
                        .region(software.amazon.awssdk.regions.Region.of(region))
                        .build(),
                null);
    }

    SfnClient sfn() {
        return sfn;
    }

    /** True on the local runner, where a Task may also run the project's real function without a mock. */
    boolean local() {
        return stack != null;
    }

    /** The definition of a workflow as the local runner deployed it (its substitutions resolved). */
    String deployedDefinition(String workflow) {
        return sfn.describeStateMachine(b -> b.stateMachineArn(stack.stateMachineArn(workflow)))
                .definition();
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.close();
        } else {
            sfn.close();
        }
    }
}
