package com.ccs.workflows.integration.states;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Consumer;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateRequest;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;

/**
 * One workflow's definition under TestState for a test class: the target its requests go to (or why there is
 * none, and each test is then skipped), its states, and which of them the tests have reached, so that the class
 * can check none was left out.
 */
final class DefinitionUnderTest implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String definition;
    private final JsonNode states;
    private final TestStateTarget target;
    private final String unavailable;
    private final Set<String> tested = new ConcurrentSkipListSet<>();

    private DefinitionUnderTest(String definition, TestStateTarget target, String unavailable) throws IOException {
        this.definition = definition;
        this.states = JSON.readTree(definition).get("States");
        this.target = target;
        this.unavailable = unavailable;
    }

    /** statemachines/{@code file} with {@code substitutions}, on the target {@link TestStateTarget#start} gives. */
    static DefinitionUnderTest open(String file, Map<String, String> substitutions) throws IOException {
        String definition = TestStateTarget.definition(file, substitutions);
        try {
            return new DefinitionUnderTest(definition, TestStateTarget.start(), null);
        } catch (TestAbortedException e) {
            return new DefinitionUnderTest(definition, null, e.getMessage());
        }
    }

    /** Skips the calling test when there is no target (AWS asked for without credentials). */
    void assumeAvailable() {
        assumeTrue(unavailable == null, () -> unavailable);
    }

    TestStateTarget target() {
        return target;
    }

    /** The definition's top-level States. */
    JsonNode states() {
        return states;
    }

    /** TestState of {@code state} on {@code input}, at DEBUG, with what {@code more} adds to the request. */
    TestStateResponse run(String state, JsonNode input, Consumer<TestStateRequest.Builder> more) {
        tested.add(state);
        TestStateRequest.Builder request = TestStateRequest.builder()
                .definition(definition)
                .stateName(state)
                .input(input.toString())
                .inspectionLevel(InspectionLevel.DEBUG);
        more.accept(request);
        return target.sfn().testState(request.build());
    }

    void assertEveryStateTested() {
        assertThat(tested).containsExactlyInAnyOrderElementsOf(TestStateTarget.stateNames(states));
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void goesTo(TestStateResponse response, String next) {
        assertThat(response.status())
                .as(response.error() + ": " + response.cause())
                .isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(response.nextState()).isEqualTo(next);
    }

    static void fails(TestStateResponse response, String error, String cause) {
        assertThat(response.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(response.error()).isEqualTo(error);
        assertThat(response.cause()).isEqualTo(cause);
        assertThat(response.nextState()).isNull();
    }

    @Override
    public void close() {
        if (target != null) {
            target.close();
        }
    }
}
