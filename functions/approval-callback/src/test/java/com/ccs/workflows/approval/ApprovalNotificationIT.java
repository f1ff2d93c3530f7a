package com.ccs.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Opening an approval against the AWS emulator: the signing secret read from Secrets Manager, the approval in
 * DynamoDB, the manager message through a real SNS topic into an SQS queue, the reminder as a real
 * EventBridge Scheduler schedule.
 */
class ApprovalNotificationIT {
    private static final String SECRET = "it-approval-signing-secret-0123456789abcdef";
    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAitTaskToken-must-stay-private";
    private static final Pattern LINK = Pattern.compile(
            "https://approvals\\.example\\.test/approvals/(apr_[A-Za-z0-9_-]{22})/(approve|reject)\\?approver=manager%40ccs\\.example&expires=(\\d+)&sig=([A-Za-z0-9_-]{43})");

    private static EmulatorResources aws;
    private static String secretArn;
    private static String topicArn;
    private static String inbox;
    private static ApprovalService service;
    private static DynamoDbApprovalStore store;
    private static String scheduleGroup;
    private static final String DEAD_LETTERS = "arn:aws:sqs:us-east-1:000000000000:approval-reminders-dlq";

    @BeforeAll
    static void createResources() {
        aws = new EmulatorResources();
        String table = aws.approvalsTable();
        secretArn = aws.secret(SECRET);
        String[] topic = aws.topicWithQueue();
        topicArn = topic[0];
        inbox = topic[1];
        store = new DynamoDbApprovalStore(aws.dynamo, table);
        scheduleGroup = aws.scheduleGroup();
        LinkSigner signer = new LinkSigner(new SecretsManagerSigningKey(aws.secretReader, secretArn), Fakes.BASE_URL);
        service = new ApprovalService(
                store,
                new SnsManagerNotifier(aws.sns, topicArn),
                new EventBridgeReminderScheduler(
                        aws.scheduler,
                        scheduleGroup,
                        "arn:aws:lambda:us-east-1:000000000000:function:" + aws.name("reminder"),
                        "arn:aws:iam::000000000000:role/" + aws.name("scheduler"),
                        DEAD_LETTERS),
                new ManagerMessages(signer, ApprovalLanguage.EN),
                Clock.systemUTC(),
                Fakes.MANAGER,
                Duration.ofHours(2),
                Approval::newId);
    }

    @AfterAll
    static void deleteResources() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void theManagerReceivesOneMessageWithValidLinksAndNoTokenAndAReminderIsScheduled() {
        String executionId = "exec-notify-" + aws.suffix;
        ApprovalRequest request = new ApprovalRequest(
                TOKEN,
                executionId,
                new RequestSummary("CUST-98765", "Transportes ABC S.A.S.", 75, "premium", 15_000_000),
                86_400);

        ApprovalService.RequestResult result = service.request(request);
        aws.onClose(() -> aws.scheduler.deleteSchedule(r -> r.groupName(scheduleGroup)
                .name(EventBridgeReminderScheduler.scheduleName(result.approvalId(), result.expiresAt()))));
        ApprovalService.RequestResult repeated = service.request(request);

        List<Message> delivered = aws.receive(inbox, 10, 10);
        assertThat(delivered).hasSize(1);
        String body = delivered.get(0).body();
        assertThat(body)
                .contains("Transportes ABC S.A.S.", "CUST-98765", "15,000,000 COP")
                .doesNotContain(TOKEN)
                .doesNotContain("TaskToken");
        LinkSigner verifier = new LinkSigner(() -> SECRET.getBytes(StandardCharsets.UTF_8), "");
        Matcher links = LINK.matcher(body);
        int found = 0;
        while (links.find()) {
            found++;
            assertThat(links.group(1)).isEqualTo(result.approvalId());
            assertThat(verifier.verify(
                            links.group(1),
                            Decision.fromSegment(links.group(2)).orElseThrow(),
                            Long.parseLong(links.group(3)),
                            Fakes.MANAGER,
                            links.group(4)))
                    .isTrue();
        }
        assertThat(found).isEqualTo(2);
        assertThat(repeated.approvalId()).isEqualTo(result.approvalId());
        assertThat(aws.receive(inbox, 10, 2))
                .as("a repeated request does not notify again")
                .isEmpty();

        GetScheduleResponse schedule = aws.scheduler.getSchedule(r -> r.groupName(scheduleGroup)
                .name(EventBridgeReminderScheduler.scheduleName(result.approvalId(), result.expiresAt())));
        Instant remindAt = result.expiresAt().minus(Duration.ofHours(2));
        assertThat(schedule.scheduleExpression()).isEqualTo(EventBridgeReminderScheduler.expression(remindAt));
        assertThat(schedule.actionAfterCompletionAsString()).isEqualTo("DELETE");
        assertThat(schedule.groupName()).isEqualTo(scheduleGroup);
        assertThat(schedule.target().input())
                .isEqualTo("{\"approval_id\":\"" + result.approvalId() + "\",\"expires_at\":"
                        + result.expiresAt().getEpochSecond() + "}");
        assertThat(schedule.target().arn()).endsWith(aws.name("reminder"));
        assertThat(schedule.target().deadLetterConfig().arn()).isEqualTo(DEAD_LETTERS);

        ApprovalService.ReminderResult reminded = service.remind(result.approvalId());
        assertThat(reminded.reminded()).isTrue();
        List<Message> reminders = aws.receive(inbox, 10, 10);
        assertThat(reminders)
                .singleElement()
                .satisfies(m -> assertThat(m.body())
                        .startsWith("Reminder:")
                        .contains("/approvals/" + result.approvalId() + "/approve?")
                        .doesNotContain(TOKEN));
        assertThat(store.find(result.approvalId()).orElseThrow().audit())
                .extracting(AuditEvent::event)
                .containsExactly("requested", "notified", "reminded");
    }

    @Test
    void theSigningSecretIsReadOnceAndTooShortASecretIsRefused() {
        SecretsManagerSigningKey key = new SecretsManagerSigningKey(aws.secretReader, secretArn);
        assertThat(new String(key.get(), StandardCharsets.UTF_8)).isEqualTo(SECRET);

        String shortArn = aws.secrets
                .createSecret(r -> r.name(aws.name("short-secret")).secretString("too-short"))
                .arn();
        aws.onClose(() -> aws.secrets.deleteSecret(r -> r.secretId(shortArn).forceDeleteWithoutRecovery(true)));
        assertThatThrownBy(() -> new SecretsManagerSigningKey(aws.secretReader, shortArn).get())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("too-short");

        // Cached per container: the value stays usable without another call.
        aws.secrets.updateSecret(r -> r.secretId(secretArn).secretString("rotated-secret-value-0123456789abcdef"));
        assertThat(new String(key.get(), StandardCharsets.UTF_8)).isEqualTo(SECRET);
        aws.secrets.updateSecret(r -> r.secretId(secretArn).secretString(SECRET));
    }

    @Test
    void aMissingSecretIsAConfigurationErrorNotARetry() {
        SecretsManagerSigningKey key = new SecretsManagerSigningKey(
                aws.secretReader, "arn:aws:secretsmanager:us-east-1:000000000000:secret:" + aws.name("absent"));

        assertThatThrownBy(key::get)
                .isInstanceOfSatisfying(
                        software.amazon.awssdk.awscore.exception.AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException"));
    }
}
