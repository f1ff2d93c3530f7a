package com.ccs.workflows.localrunner.api;

import static com.ccs.workflows.localrunner.api.ApiErrorsAssert.awsError;
import static com.ccs.workflows.localrunner.api.LocalSfn.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.clock.SystemClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.IncludedData;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;

class ExecutionApiTest {
    static final String CALLBACK = json("""
      {'StartAt': 'AwaitApproval', 'States': {
        'AwaitApproval': {'Type': 'Task', 'Resource': 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          'Parameters': {'QueueUrl': 'https://sqs.us-east-1.amazonaws.com/123456789/approvals',
            'MessageBody': {'token.$': '$$.Task.Token', 'request.$': '$'}},
          'End': true}}}""");
    private static final String DOUBLE = json("""
      {'StartAt': 'Double', 'States': {
        'Double': {'Type': 'Pass', 'Parameters': {'value.$': 'States.MathAdd($.n, $.n)'}, 'Next': 'Check'},
        'Check': {'Type': 'Choice', 'Choices': [{'Variable': '$.value', 'NumericGreaterThan': 100, 'Next': 'TooBig'}],
          'Default': 'Done'},
        'TooBig': {'Type': 'Fail', 'Error': 'TooBig', 'Cause': 'over 100'},
        'Done': {'Type': 'Succeed'}}}""");

    @RegisterExtension
    final LocalSfn local = LocalSfn.virtual();

    @Test
    void startAndDescribeSucceededAndFailedExecutions() {
        String machine = local.create("double", DOUBLE);
        var started = local.sfn.startExecution(
                b -> b.stateMachineArn(machine).name("small").input("{\"n\": 21}"));
        assertThat(started.executionArn()).isEqualTo("arn:aws:states:us-east-1:123456789:execution:double:small");
        var ok = local.awaitEnd(started.executionArn());
        assertThat(ok.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(ok.name()).isEqualTo("small");
        assertThat(ok.output()).isEqualTo("{\"value\":42}");
        assertThat(ok.outputDetails().included()).isTrue();
        assertThat(ok.input()).isEqualTo("{\"n\":21}");
        assertThat(ok.error()).isNull();
        assertThat(ok.startDate()).isEqualTo(started.startDate());

        var metadata = local.sfn.describeExecution(
                b -> b.executionArn(started.executionArn()).includedData(IncludedData.METADATA_ONLY));
        assertThat(metadata.input()).isNull();
        assertThat(metadata.output()).isNull();
        assertThat(metadata.status()).isEqualTo(ExecutionStatus.SUCCEEDED);

        String big = local.sfn
                .startExecution(b -> b.stateMachineArn(machine).input("{\"n\": 51}"))
                .executionArn();
        var failed = local.awaitEnd(big);
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("TooBig");
        assertThat(failed.cause()).isEqualTo("over 100");
        assertThat(failed.output()).isNull();
        // Without a name the execution gets a UUID.
        assertThat(big).matches("arn:aws:states:us-east-1:123456789:execution:double:[0-9a-f-]{36}");
    }

    @Test
    void startWithoutInputRunsOnAnEmptyObject() {
        String machine =
                local.create("double", json("{'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'End': true}}}"));
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        assertThat(local.awaitEnd(arn).output()).isEqualTo("{}");
    }

    @Test
    void startErrors() {
        String machine = local.create("double", DOUBLE);
        awsError(
                () -> local.sfn.startExecution(b -> b.stateMachineArn(local.machineArn("nope"))),
                "StateMachineDoesNotExist");
        awsError(() -> local.sfn.startExecution(b -> b.stateMachineArn("double")), "InvalidArn");
        awsError(
                () -> local.sfn.startExecution(b -> b.stateMachineArn(machine).input("{not json")),
                "InvalidExecutionInput");
        awsError(() -> local.sfn.startExecution(b -> b.stateMachineArn(machine).name("a/b")), "InvalidName");
        awsError(
                () -> local.sfn.startExecution(b -> b.stateMachineArn(machine).name("n".repeat(81))),
                "ValidationException");
        awsError(
                () -> local.sfn.startExecution(b -> b.stateMachineArn(machine).input("1".repeat(262_145))),
                "ValidationException");
        awsError(() -> local.sfn.startExecution(b -> b.input("{}")), "ValidationException");
    }

    @Test
    void namesAreDeduplicatedAsAwsDoes() {
        String machine = local.create("approvals", CALLBACK);
        var first = local.sfn.startExecution(
                b -> b.stateMachineArn(machine).name("order-1").input("{\"id\": 1}"));
        // Same name and input while it runs: the same execution (an idempotent retry of the call).
        var again = local.sfn.startExecution(
                b -> b.stateMachineArn(machine).name("order-1").input("{\"id\":1}"));
        assertThat(again.executionArn()).isEqualTo(first.executionArn());
        assertThat(again.startDate()).isEqualTo(first.startDate());
        // Same name, other input: refused.
        var conflict = awsError(
                () -> local.sfn.startExecution(
                        b -> b.stateMachineArn(machine).name("order-1").input("{\"id\": 2}")),
                "ExecutionAlreadyExists");
        assertThat(conflict).isInstanceOf(ExecutionAlreadyExistsException.class);
        assertThat(conflict.awsErrorDetails().errorMessage()).contains(first.executionArn());

        String token = local.awaitTaskToken(first.executionArn());
        local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"approved\": true}"));
        assertThat(local.awaitEnd(first.executionArn()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // Once it has ended, even the same input may not reuse the name.
        awsError(
                () -> local.sfn.startExecution(
                        b -> b.stateMachineArn(machine).name("order-1").input("{\"id\": 1}")),
                "ExecutionAlreadyExists");
        assertThat(local.sfn.listExecutions(b -> b.stateMachineArn(machine)).executions())
                .hasSize(1);
    }

    @Test
    void describeErrors() {
        String machine = local.create("double", DOUBLE);
        String missing = machine.replace(":stateMachine:", ":execution:") + ":missing";
        var e = awsError(() -> local.sfn.describeExecution(b -> b.executionArn(missing)), "ExecutionDoesNotExist");
        assertThat(e).isInstanceOf(ExecutionDoesNotExistException.class);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Execution Does Not Exist: '" + missing + "'");
        awsError(() -> local.sfn.describeExecution(b -> b.executionArn(machine)), "InvalidArn");
        awsError(
                () -> local.sfn.describeExecution(b -> b.executionArn("arn:aws:states:us-east-1:1:execution:x")),
                "InvalidArn");
        awsError(() -> local.sfn.describeExecution(b -> {}), "ValidationException");
    }

    @Test
    void listFiltersByStatusAndPaginatesNewestFirst() {
        String machine = local.create("double", DOUBLE);
        List<String> succeeded = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            int n = i;
            String arn = local.sfn
                    .startExecution(b -> b.stateMachineArn(machine)
                            .name("run-" + (100 + n))
                            .input("{\"n\": " + (n % 5 == 0 ? 99 : n) + "}"))
                    .executionArn();
            local.awaitEnd(arn);
            (n % 5 == 0 ? failed : succeeded).add(arn);
        }
        List<String> pagedSucceeded = listAll(machine, ExecutionStatus.SUCCEEDED, 7);
        assertThat(pagedSucceeded)
                .containsExactlyInAnyOrderElementsOf(succeeded)
                .doesNotHaveDuplicates();
        assertThat(listAll(machine, ExecutionStatus.FAILED, 10)).containsExactlyInAnyOrderElementsOf(failed);
        assertThat(listAll(machine, null, 10)).hasSize(25).doesNotHaveDuplicates();
        assertThat(local.sfn
                        .listExecutions(b -> b.stateMachineArn(machine).statusFilter(ExecutionStatus.RUNNING))
                        .executions())
                .isEmpty();
        assertThat(local.sfn
                        .listExecutionsPaginator(b -> b.stateMachineArn(machine).maxResults(4))
                        .executions())
                .hasSize(25);

        // A new execution appears at the top without disturbing a listing in progress.
        var first = local.sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(10));
        local.sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"n\": 1}"));
        var second = local.sfn.listExecutions(
                b -> b.stateMachineArn(machine).maxResults(10).nextToken(first.nextToken()));
        assertThat(second.executions())
                .extracting(ExecutionListItem::executionArn)
                .doesNotContainAnyElementsOf(first.executions().stream()
                        .map(ExecutionListItem::executionArn)
                        .toList());

        awsError(() -> local.sfn.listExecutions(b -> b.stateMachineArn(machine).nextToken("bogus")), "InvalidToken");
        // A token only continues the listing it came from.
        awsError(
                () -> local.sfn.listExecutions(b -> b.stateMachineArn(machine)
                        .statusFilter(ExecutionStatus.FAILED)
                        .nextToken(first.nextToken())),
                "InvalidToken");
        awsError(
                () -> local.sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(1001)),
                "ValidationException");
        awsError(
                () -> local.sfn.listExecutions(b -> b.stateMachineArn(machine).statusFilter("DONE")),
                "ValidationException");
        awsError(
                () -> local.sfn.listExecutions(b -> b.stateMachineArn(local.machineArn("nope"))),
                "StateMachineDoesNotExist");
        awsError(() -> local.sfn.listExecutions(b -> {}), "ValidationException");
    }

    @Test
    void concurrentClientsAreServedIndependently() throws Exception {
        String machine = local.create("double", DOUBLE);
        int threads = 8;
        int perThread = 25;
        List<String> started = new CopyOnWriteArrayList<>();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int n = thread * perThread + i;
                        started.add(local.sfn
                                .startExecution(b -> b.stateMachineArn(machine)
                                        .name("c-" + n)
                                        .input("{\"n\": " + (n % 50) + "}"))
                                .executionArn());
                    }
                }));
            }
            for (var f : futures) {
                f.get();
            }
        }
        assertThat(started).hasSize(threads * perThread).doesNotHaveDuplicates();
        for (String arn : started) {
            var described = local.awaitEnd(arn);
            int n = Integer.parseInt(arn.substring(arn.lastIndexOf('-') + 1)) % 50;
            assertThat(described.output()).isEqualTo("{\"value\":" + (2 * n) + "}");
        }
        assertThat(local.sfn
                        .listExecutionsPaginator(b -> b.stateMachineArn(machine).maxResults(1000))
                        .executions())
                .extracting(ExecutionListItem::executionArn)
                .containsExactlyInAnyOrderElementsOf(started);
    }

    @Test
    void listIsNewestFirst() {
        try (LocalSfn wall = LocalSfn.with(SystemClock.INSTANCE, LocalSfn.DELIVERED)) {
            String machine = wall.create("double", DOUBLE);
            List<String> started = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                started.add(wall.sfn
                        .startExecution(b -> b.stateMachineArn(machine).input("{\"n\": 1}"))
                        .executionArn());
                LocalSfn.sleep(5); // distinct start times
            }
            assertThat(wall.sfn.listExecutions(b -> b.stateMachineArn(machine)).executions())
                    .extracting(ExecutionListItem::executionArn)
                    .containsExactly(started.get(2), started.get(1), started.get(0));
        }
    }

    @Test
    void stopAbortsARunningExecution() {
        try (LocalSfn wall = LocalSfn.with(SystemClock.INSTANCE, LocalSfn.DELIVERED)) {
            String machine = wall.create(
                    "sleepy",
                    json("{'StartAt': 'Sleep', 'States': {'Sleep': {'Type': 'Wait', 'Seconds': 3600, 'End': true}}}"));
            String arn =
                    wall.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
            assertThat(wall.sfn.describeExecution(b -> b.executionArn(arn)).status())
                    .isEqualTo(ExecutionStatus.RUNNING);
            assertThat(wall.sfn
                            .listExecutions(b -> b.stateMachineArn(machine).statusFilter(ExecutionStatus.RUNNING))
                            .executions())
                    .hasSize(1);

            var stopped = wall.sfn.stopExecution(
                    b -> b.executionArn(arn).error("Operator").cause("Not needed anymore"));
            assertThat(stopped.stopDate()).isNotNull();
            var described = wall.sfn.describeExecution(b -> b.executionArn(arn));
            assertThat(described.status()).isEqualTo(ExecutionStatus.ABORTED);
            assertThat(described.error()).isEqualTo("Operator");
            assertThat(described.cause()).isEqualTo("Not needed anymore");
            assertThat(described.stopDate()).isEqualTo(stopped.stopDate());
            var last = wall.sfn
                    .getExecutionHistory(
                            b -> b.executionArn(arn).reverseOrder(true).maxResults(1))
                    .events();
            assertThat(last.get(0).type()).isEqualTo(HistoryEventType.EXECUTION_ABORTED);
            assertThat(last.get(0).executionAbortedEventDetails().error()).isEqualTo("Operator");
            // Stopping it again changes nothing.
            assertThat(wall.sfn.stopExecution(b -> b.executionArn(arn)).stopDate())
                    .isEqualTo(stopped.stopDate());
            awsError(() -> wall.sfn.stopExecution(b -> b.executionArn(arn + "-other")), "ExecutionDoesNotExist");
            awsError(
                    () -> wall.sfn.stopExecution(b -> b.executionArn(arn).error("e".repeat(257))),
                    "ValidationException");
        }
    }

    private List<String> listAll(String machine, ExecutionStatus status, int pageSize) {
        List<String> all = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListExecutionsResponse page = local.sfn.listExecutions(b -> b.stateMachineArn(machine)
                    .statusFilter(status)
                    .maxResults(pageSize)
                    .nextToken(t));
            assertThat(page.executions()).hasSizeLessThanOrEqualTo(pageSize);
            page.executions()
                    .forEach(e ->
                            assertThat(status == null || e.status() == status).isTrue());
            all.addAll(page.executions().stream()
                    .map(ExecutionListItem::executionArn)
                    .toList());
            token = page.nextToken();
        } while (token != null);
        return all;
    }
}
