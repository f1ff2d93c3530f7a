package com.ccs.workflows.integration.stack;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ccs.workflows.testing.Emulators;
import java.net.URI;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The stacks the scenarios run on, one per backend:
 * <ol>
 *   <li>{@link #inMemory()}: the local runner on its embedded in-memory backends (every developer's machine);</li>
 *   <li>{@link #onEmulator()}: the local runner against the AWS emulator and stripe-mock that
 *       {@code scripts/test.sh} starts (CCS_TEST_AWS_ENDPOINT, CCS_TEST_STRIPE_ENDPOINT; MiniStack in CI);</li>
 *   <li>{@link #onLocalStack()}: the local runner against LocalStack in Docker (Testcontainers), skipped with a
 *       message where no Docker engine runs. Image: system property or variable {@code CCS_LOCALSTACK_IMAGE}
 *       (default {@code localstack/localstack:4.14.0}, the last release that runs without an auth token; a later
 *       or floating LocalStack tag needs {@code LOCALSTACK_AUTH_TOKEN}, which is passed on; Floci and MiniStack
 *       images are drop-in alternatives).</li>
 * </ol>
 */
public final class Stacks {
    private Stacks() {}

    public static WorkflowStack inMemory() {
        return new LocalRunnerStack("local runner, in memory", null, null);
    }

    public static WorkflowStack onEmulator() {
        URI aws = Emulators.aws();
        URI stripe = Emulators.stripe();
        return new LocalRunnerStack("local runner on " + aws + " + stripe-mock", aws, stripe);
    }

    public static WorkflowStack onLocalStack() {
        assumeTrue(DockerEngine.available(), "No Docker engine: the LocalStack (Testcontainers) backend is skipped");
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        String image = LocalStackImage.resolve(setting("CCS_LOCALSTACK_IMAGE", null), token)
                .name();
        LocalStackContainer container = new LocalStackContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"));
        if (token != null && !token.isBlank()) {
            container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        }
        container.start();
        String stripe = System.getenv(Emulators.STRIPE_ENDPOINT);
        LocalRunnerStack stack = new LocalRunnerStack(
                "local runner on LocalStack (" + image + ")",
                container.getEndpoint(),
                stripe == null || stripe.isBlank() ? null : URI.create(stripe));
        return new ContainerStack(stack, container);
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }
}
