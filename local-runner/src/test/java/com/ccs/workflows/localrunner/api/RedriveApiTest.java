package com.ccs.workflows.localrunner.api;

import static com.ccs.workflows.localrunner.api.ApiErrorsAssert.awsError;
import static com.ccs.workflows.localrunner.api.LocalSfn.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.clock.VirtualClock;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.tasks.TaskInvoker;
import com.ccs.workflows.localrunner.tasks.TaskRequest;
import com.ccs.workflows.localrunner.tasks.TaskResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveFilter;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** RedriveExecution and the redrive members of DescribeExecution, ListExecutions and the history, via the SDK. */
class RedriveApiTest {
    private static final String CHARGE = json("""
      {'StartAt': 'Prepare', 'States': {
        'Prepare': {'Type': 'Pass', 'Result': {'amount': 42}, 'ResultPath': '$.payment', 'Next': 'Charge'},
        'Charge': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke',
          'Parameters': {'FunctionName': 'charge', 'Payload': {'amount.$': '$.payment.amount',
            'redrives.$': '$$.Execution.RedriveCount'}},
          'OutputPath': '$.Payload', 'End': true}}}""");

    /** Fails the first call of each execution, then answers with the payload it was given. */
    private static final class FailsOnce implements TaskInvoker {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<TaskResult> invoke(TaskRequest request) {
            int call = calls.computeIfAbsent(request.executionArn(), k -> new AtomicInteger())
                    .getAndIncrement();
            if (call == 0) {
                return CompletableFuture.failedFuture(new StatesFailure("Payments.Unavailable", "try later"));
            }
            return CompletableFuture.completedFuture(
                    TaskResult.of(Json.object().set("Payload", request.payload().get("Payload"))));
        }
    }

    private static LocalSfn local(TaskInvoker invoker) {
        return LocalSfn.with(new VirtualClock(Instant.parse("2025-01-01T00:00:00Z"), Duration.ofSeconds(30)), invoker);
    }

    @Test
    void aFailedExecutionRedrivenThroughTheSdkRunsOnFromTheFailedTask() {
        FailsOnce invoker = new FailsOnce();
        try (LocalSfn local = local(invoker)) {
            String machine = local.create("charge", CHARGE);
            String arn = local.sfn
                    .startExecution(
                            b -> b.stateMachineArn(machine).name("order-7").input("{}"))
                    .executionArn();
            var failed = local.awaitEnd(arn);
            assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(failed.error()).isEqualTo("Payments.Unavailable");
            assertThat(failed.redriveCount()).isZero();
            assertThat(failed.redriveDate()).isNull();
            assertThat(failed.redriveStatus()).isEqualTo(ExecutionRedriveStatus.REDRIVABLE);
            assertThat(failed.redriveStatusReason()).isNull();

            Instant redriveDate = local.sfn
                    .redriveExecution(b -> b.executionArn(arn).clientToken("redrive-1"))
                    .redriveDate();
            var redriven = local.awaitEnd(arn);

            assertThat(redriveDate).isNotNull();
            assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(redriven.output()).isEqualTo("{\"amount\":42,\"redrives\":1}");
            assertThat(redriven.error()).isNull();
            assertThat(redriven.startDate()).isEqualTo(failed.startDate());
            assertThat(redriven.redriveCount()).isEqualTo(1);
            assertThat(redriven.redriveDate()).isEqualTo(redriveDate);
            assertThat(redriven.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
            assertThat(redriven.redriveStatusReason()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");
            assertThat(invoker.calls.get(arn).get()).isEqualTo(2);

            List<HistoryEvent> events =
                    local.sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
            assertThat(events)
                    .extracting(HistoryEvent::type)
                    .containsExactly(
                            HistoryEventType.EXECUTION_STARTED,
                            HistoryEventType.PASS_STATE_ENTERED,
                            HistoryEventType.PASS_STATE_EXITED,
                            HistoryEventType.TASK_STATE_ENTERED,
                            HistoryEventType.TASK_SCHEDULED,
                            HistoryEventType.TASK_STARTED,
                            HistoryEventType.TASK_FAILED,
                            HistoryEventType.EXECUTION_FAILED,
                            HistoryEventType.EXECUTION_REDRIVEN,
                            HistoryEventType.TASK_STATE_ENTERED,
                            HistoryEventType.TASK_SCHEDULED,
                            HistoryEventType.TASK_STARTED,
                            HistoryEventType.TASK_SUCCEEDED,
                            HistoryEventType.TASK_STATE_EXITED,
                            HistoryEventType.EXECUTION_SUCCEEDED);
            assertThat(events.get(8).executionRedrivenEventDetails().redriveCount())
                    .isEqualTo(1);
            assertThat(events.get(9).stateEnteredEventDetails().input())
                    .isEqualTo(events.get(3).stateEnteredEventDetails().input());

            // The SDK's retry of the same request (same clientToken) does not redrive again.
            assertThat(local.sfn
                            .redriveExecution(b -> b.executionArn(arn).clientToken("redrive-1"))
                            .redriveDate())
                    .isEqualTo(redriveDate);
            assertThat(local.sfn.describeExecution(b -> b.executionArn(arn)).redriveCount())
                    .isEqualTo(1);
            awsError(() -> local.sfn.redriveExecution(b -> b.executionArn(arn)), "ExecutionNotRedrivable");
        }
    }

    @Test
    void listExecutionsFiltersOnRedriveAndItsItemsCarryTheRedriveCountAndDate() {
        try (LocalSfn local = local(new FailsOnce())) {
            String machine = local.create("charge", CHARGE);
            String redriven = local.sfn
                    .startExecution(b -> b.stateMachineArn(machine).name("redriven"))
                    .executionArn();
            String left = local.sfn
                    .startExecution(b -> b.stateMachineArn(machine).name("left"))
                    .executionArn();
            local.awaitEnd(redriven);
            local.awaitEnd(left);
            Instant redriveDate =
                    local.sfn.redriveExecution(b -> b.executionArn(redriven)).redriveDate();
            local.awaitEnd(redriven);

            List<ExecutionListItem> onlyRedriven = local.sfn
                    .listExecutions(b -> b.stateMachineArn(machine).redriveFilter(ExecutionRedriveFilter.REDRIVEN))
                    .executions();
            assertThat(onlyRedriven).extracting(ExecutionListItem::executionArn).containsExactly(redriven);
            assertThat(onlyRedriven.get(0).redriveCount()).isEqualTo(1);
            assertThat(onlyRedriven.get(0).redriveDate()).isEqualTo(redriveDate);

            List<ExecutionListItem> notRedriven = local.sfn
                    .listExecutions(b -> b.stateMachineArn(machine).redriveFilter(ExecutionRedriveFilter.NOT_REDRIVEN))
                    .executions();
            assertThat(notRedriven).extracting(ExecutionListItem::executionArn).containsExactly(left);
            assertThat(notRedriven.get(0).redriveCount()).isZero();
            assertThat(notRedriven.get(0).redriveDate()).isNull();

            assertThat(local.sfn
                            .listExecutions(b -> b.stateMachineArn(machine)
                                    .statusFilter(ExecutionStatus.FAILED)
                                    .redriveFilter(ExecutionRedriveFilter.NOT_REDRIVEN))
                            .executions())
                    .hasSize(1);
            assertThat(local.sfn.listExecutions(b -> b.stateMachineArn(machine)).executions())
                    .hasSize(2);
        }
    }

    @Test
    void runningSucceededExpressUnknownAndMalformedExecutionsAreRefusedAsAwsRefusesThem() {
        try (LocalSfn local = LocalSfn.virtual()) {
            String waiting = local.create("waiting", ExecutionApiTest.CALLBACK);
            String running = local.sfn
                    .startExecution(b -> b.stateMachineArn(waiting).name("running"))
                    .executionArn();
            local.awaitTaskToken(running);
            var described = local.sfn.describeExecution(b -> b.executionArn(running));
            assertThat(described.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
            assertThat(described.redriveStatusReason()).isEqualTo("Execution is RUNNING and cannot be redriven");
            assertThat(awsError(
                                    () -> local.sfn.redriveExecution(b -> b.executionArn(running)),
                                    "ExecutionNotRedrivable")
                            .awsErrorDetails()
                            .errorMessage())
                    .isEqualTo("Execution is RUNNING and cannot be redriven");

            String hello =
                    local.create("hello", json("{'StartAt': 'Hi', 'States': {'Hi': {'Type': 'Pass', 'End': true}}}"));
            String succeeded =
                    local.sfn.startExecution(b -> b.stateMachineArn(hello)).executionArn();
            local.awaitEnd(succeeded);
            awsError(() -> local.sfn.redriveExecution(b -> b.executionArn(succeeded)), "ExecutionNotRedrivable");

            String express = local.createExpress(
                    "express", json("{'StartAt': 'No', 'States': {'No': {'Type': 'Fail', 'Error': 'No'}}}"));
            String expressArn =
                    local.sfn.startExecution(b -> b.stateMachineArn(express)).executionArn();
            assertThat(local.awaitEnd(expressArn).status()).isEqualTo(ExecutionStatus.FAILED);
            awsError(() -> local.sfn.redriveExecution(b -> b.executionArn(expressArn)), "ExecutionNotRedrivable");

            awsError(
                    () -> local.sfn.redriveExecution(b -> b.executionArn(running.replace("running", "nobody"))),
                    "ExecutionDoesNotExist");
            awsError(() -> local.sfn.redriveExecution(b -> b.executionArn("not-an-arn")), "InvalidArn");
            awsError(() -> local.sfn.redriveExecution(b -> b.executionArn(waiting)), "InvalidArn");
        }
    }
}
