package com.ccs.workflows.localrunner.prime;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.engine.StateMachine;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.project.InProcessFunction;
import com.ccs.workflows.localrunner.project.LocalDeployment;
import com.ccs.workflows.localrunner.project.SideEffects;
import com.ccs.workflows.localrunner.project.TestProject;
import com.ccs.workflows.localrunner.project.WorkflowRun;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Priming at serve start-up runs the hot paths and leaves nothing a user of the served deployment could see. */
class ServePrimingTest {

    @Test
    void primingLeavesNoExecutionItemMessageOrChargeInTheServedDeployment() {
        try (LocalDeployment deployment = TestProject.deploy()) {
            deployment.stateMachines().values().forEach(deployment::warmFor); // as serve does, in the background
            LocalDeployment.Snapshot before = deployment.snapshot();
            Map<String, Integer> queued = queuedMessages(deployment);

            ServePriming.Report report = ServePriming.prime(deployment, TestProject.dir(), Duration.ofMillis(200));

            assertThat(report.functionsPrimed()).isEqualTo(1); // video-recording, the emergency workflow's function
            assertThat(report.executions()).isPositive();
            SideEffects effects = deployment.since(before);
            assertThat(effects.items()).isEmpty();
            assertThat(effects.messages()).isEmpty();
            assertThat(effects.iotCommands()).isEmpty();
            assertThat(effects.schedules()).isEmpty();
            assertThat(effects.charges()).isEmpty();
            assertThat(effects.refunds()).isEmpty();
            assertThat(queuedMessages(deployment)).isEqualTo(queued);
            for (StateMachine machine : deployment.stateMachines().values()) {
                assertThat(deployment.engine().listExecutions(machine.arn(), null))
                        .as(machine.name())
                        .isEmpty();
            }
        }
    }

    @Test
    void thePrimedContainersServeTheNextInvocationsWarm() {
        try (LocalDeployment deployment = TestProject.deploy()) {
            deployment.warmFor(deployment.stateMachine("emergency"));
            ServePriming.prime(deployment, TestProject.dir(), Duration.ZERO);

            InProcessFunction video =
                    deployment.functions().byHandler("VideoRecordingHandler").orElseThrow();
            InProcessFunction.Invocation invocation = video.invoke("{}");
            assertThat(invocation.coldStart()).isFalse();
            assertThat(invocation.failed()).isTrue(); // an empty event is refused, by the warm handler

            WorkflowRun.Result run = WorkflowRun.run(
                    deployment,
                    "emergency",
                    TestProject.event("emergency/panic-button-critical.json"),
                    message -> null,
                    Duration.ofMinutes(1));
            assertThat(run.succeeded()).isTrue();
            assertThat(deployment
                            .engine()
                            .listExecutions(deployment.stateMachine("emergency").arn(), null))
                    .hasSize(1);
        }
    }

    @Test
    void aFunctionWithoutTheSharedPrimingHasNothingToRun() {
        assertThat(FunctionPrimers.run(ClassLoader.getPlatformClassLoader(), 1)).isZero();
    }

    /** Messages waiting in each queue of the embedded SQS. */
    private static Map<String, Integer> queuedMessages(LocalDeployment deployment) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JsonNode url :
                deployment.embedded().sqs().handle("ListQueues", Json.object()).path("QueueUrls")) {
            JsonNode attributes = deployment
                    .embedded()
                    .sqs()
                    .handle(
                            "GetQueueAttributes",
                            Json.object()
                                    .put("QueueUrl", url.asText())
                                    .set("AttributeNames", Json.array().add("All")))
                    .path("Attributes");
            counts.put(
                    url.asText(), attributes.path("ApproximateNumberOfMessages").asInt());
        }
        return counts;
    }
}
