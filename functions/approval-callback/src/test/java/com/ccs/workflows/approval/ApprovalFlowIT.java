package com.ccs.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The whole approval against the emulator's Step Functions: an execution waits on a task token, the approval is
 * opened with that token, the manager's link from the SNS message is clicked, and the execution resumes with the
 * decision as its output. The waiting task sends its token to an SQS queue
 * ({@code sqs:sendMessage.waitForTaskToken}), standing in for the Lambda invoke the business workflow uses.
 */
class ApprovalFlowIT {
    private static final String SECRET = "it-flow-approval-signing-secret-0123456789";
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern APPROVE_LINK = Pattern.compile(
            "https://approvals\\.example\\.test(/approvals/(apr_[A-Za-z0-9_-]{22})/(approve|reject))\\?approver=([^&]+)&expires=(\\d+)&sig=([A-Za-z0-9_-]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmulatorResources aws;
    private static String stateMachineArn;
    /** Same wait, but the task times out after one second: the approval outlives the execution's wait. */
    private static String impatientStateMachineArn;

    private static String tokenQueue;
    private static String inbox;
    private static ApprovalService requests;
    private static DynamoDbApprovalStore store;
    private static ApprovalCallbackHandler callback;

    @BeforeAll
    static void createResources() {
        aws = new EmulatorResources();
        tokenQueue = aws.queueUrl("task-tokens");
        String definition = """
                {"StartAt": "Wait for Approval", "States": {"Wait for Approval": {
                  "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters": {"QueueUrl": "%s", "MessageBody": {"token.$": "$$.Task.Token", "execution_id.$": "$$.Execution.Name"}},
                  "TimeoutSeconds": %d, "End": true}}}""";
        stateMachineArn = aws.stateMachine("approval-wait", definition.formatted(tokenQueue, 3600));
        impatientStateMachineArn = aws.stateMachine("approval-timeout", definition.formatted(tokenQueue, 1));
        String table = aws.approvalsTable();
        String[] topic = aws.topicWithQueue();
        inbox = topic[1];
        store = new DynamoDbApprovalStore(aws.dynamo, table);
        LinkSigner signer =
                new LinkSigner(new SecretsManagerSigningKey(aws.secretReader, aws.secret(SECRET)), Fakes.BASE_URL);
        Fakes.RecordingScheduler noReminders = new Fakes.RecordingScheduler();
        requests = new ApprovalService(
                store,
                new SnsManagerNotifier(aws.sns, topic[0]),
                noReminders,
                new ManagerMessages(signer, ApprovalLanguage.EN),
                Clock.systemUTC(),
                Fakes.MANAGER,
                Duration.ofHours(2),
                Approval::newId);
        callback = new ApprovalCallbackHandler(
                new DecisionService(store, new SfnTaskCallback(aws.sfn), signer, Clock.systemUTC()));
    }

    @AfterAll
    static void deleteResources() {
        if (aws != null) {
            aws.close();
        }
    }

    /** Starts an execution and returns its ARN and the task token it waits on. */
    private static String[] startWaitingExecution(String name) {
        return startWaitingExecution(stateMachineArn, name);
    }

    private static String[] startWaitingExecution(String machineArn, String name) {
        String executionArn = aws.sfn
                .startExecution(r -> r.stateMachineArn(machineArn).name(name).input("{}"))
                .executionArn();
        for (int attempt = 0; attempt < 5; attempt++) {
            for (Message message : aws.receive(tokenQueue, 10, 5)) {
                Matcher token = TOKEN.matcher(message.body());
                if (message.body().contains(name) && token.find()) {
                    return new String[] {executionArn, token.group(1)};
                }
            }
        }
        throw new AssertionError("the execution never sent its task token");
    }

    /** The manager's click: the link from the message, as the HTTP API delivers it (POST from the confirmation form). */
    private static Map<String, Object> click(String messageBody, Decision decision) {
        Matcher link = APPROVE_LINK.matcher(messageBody);
        while (link.find()) {
            if (link.group(3).equals(decision.segment())) {
                Map<String, Object> event = HttpEvents.load(decision.segment() + ".json");
                event.put("rawPath", link.group(1));
                event.put("pathParameters", Map.of("approval_id", link.group(2), "decision", link.group(3)));
                event.put(
                        "queryStringParameters",
                        new HashMap<>(Map.of(
                                "approver",
                                java.net.URLDecoder.decode(link.group(4), StandardCharsets.UTF_8),
                                "expires",
                                link.group(5),
                                "sig",
                                link.group(6))));
                return event;
            }
        }
        throw new AssertionError("no " + decision.segment() + " link in the message");
    }

    private static DescribeExecutionResponse awaitEnd(String executionArn) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            DescribeExecutionResponse execution = aws.sfn.describeExecution(r -> r.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING) {
                return execution;
            }
            Thread.sleep(200);
        }
        return aws.sfn.describeExecution(r -> r.executionArn(executionArn));
    }

    private static String messageFor(String approvalId) {
        for (int attempt = 0; attempt < 5; attempt++) {
            for (Message message : aws.receive(inbox, 10, 5)) {
                if (message.body().contains(approvalId)) {
                    return message.body();
                }
            }
        }
        throw new AssertionError("no manager message for " + approvalId);
    }

    @Test
    void approvingFromTheManagersLinkResumesTheExecutionWithTheDecision() throws Exception {
        String name = "exec-approve-" + aws.suffix;
        String[] waiting = startWaitingExecution(name);
        ApprovalService.RequestResult opened = requests.request(new ApprovalRequest(
                waiting[1],
                name,
                new RequestSummary("CUST-98765", "Transportes ABC S.A.S.", 75, "premium", 15_000_000),
                3_600));
        String message = messageFor(opened.approvalId());
        assertThat(message).doesNotContain(waiting[1]);

        HttpApiResponse response = HttpEvents.send(callback, click(message, Decision.APPROVE));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(waiting[1]);
        DescribeExecutionResponse execution = awaitEnd(waiting[0]);
        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        var output = JSON.readTree(execution.output());
        assertThat(output.get("approved").asBoolean()).isTrue();
        assertThat(output.get("approver").asText()).isEqualTo(Fakes.MANAGER);
        assertThat(output.get("comment").asText()).isEqualTo("Fleet size verified with sales");
        Approval stored = store.find(opened.approvalId()).orElseThrow();
        assertThat(output.get("decided_at").asText())
                .isEqualTo(stored.decision().decidedAt().toString());
        assertThat(stored.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(stored.resumedAt()).isNotNull();

        // Double click, then the other link: both conflicts, nothing reaches the finished execution.
        assertThat(HttpEvents.send(callback, click(message, Decision.APPROVE)).statusCode())
                .isEqualTo(409);
        assertThat(HttpEvents.send(callback, click(message, Decision.REJECT)).statusCode())
                .isEqualTo(409);
        assertThat(store.find(opened.approvalId()).orElseThrow().audit())
                .extracting(AuditEvent::event)
                .containsExactly("requested", "notified", "approved", "resumed");
    }

    @Test
    void rejectingResumesWithApprovedFalse() throws Exception {
        String name = "exec-reject-" + aws.suffix;
        String[] waiting = startWaitingExecution(name);
        ApprovalService.RequestResult opened = requests.request(new ApprovalRequest(
                waiting[1], name, new RequestSummary("CUST-1", "Flota Norte", 60, "standard", 9_000_000), 3_600));

        HttpApiResponse response = HttpEvents.send(callback, click(messageFor(opened.approvalId()), Decision.REJECT));

        assertThat(response.statusCode()).isEqualTo(200);
        DescribeExecutionResponse execution = awaitEnd(waiting[0]);
        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(JSON.readTree(execution.output()).get("approved").asBoolean())
                .isFalse();
    }

    @Test
    void aDecisionAfterTheExecutionStoppedWaitingIsGoneAndTheApprovalExpires() throws Exception {
        String name = "exec-timed-out-" + aws.suffix;
        String[] waiting = startWaitingExecution(impatientStateMachineArn, name);
        ApprovalService.RequestResult opened = requests.request(new ApprovalRequest(
                waiting[1], name, new RequestSummary("CUST-2", "Flota Sur", 80, "premium", 20_000_000), 3_600));
        String message = messageFor(opened.approvalId());
        DescribeExecutionResponse ended = awaitEnd(waiting[0]);
        assertThat(ended.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ended.error()).isEqualTo("States.Timeout");

        HttpApiResponse response = HttpEvents.send(callback, click(message, Decision.APPROVE));

        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(store.find(opened.approvalId()).orElseThrow().status()).isEqualTo(ApprovalStatus.EXPIRED);
    }

    @Test
    void theAdapterTellsAClosedTaskFromAResumedOne() throws Exception {
        String[] waiting = startWaitingExecution("exec-adapter-" + aws.suffix);
        SfnTaskCallback adapter = new SfnTaskCallback(aws.sfn);

        adapter.succeed(
                waiting[1],
                "{\"approved\":true,\"approver\":\"m\",\"comment\":null,\"decided_at\":\"2026-11-25T18:00:00Z\"}");

        assertThat(awaitEnd(waiting[0]).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThatThrownBy(() -> adapter.succeed(waiting[1], "{}"))
                .isInstanceOf(TaskClosedException.class)
                .hasMessageNotContaining(waiting[1]);
        assertThatThrownBy(() -> adapter.succeed("not-a-real-token-" + aws.suffix, "{}"))
                .isInstanceOf(TaskClosedException.class);
    }
}
