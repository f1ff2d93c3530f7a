package com.ccs.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ApprovalServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");
    private static final String TOKEN = "TOKEN-abc123-very-secret-task-token";
    private static final Pattern LINK = Pattern.compile(
            "https://approvals\\.example\\.test/approvals/(apr_[A-Za-z0-9_-]{22})/(approve|reject)\\?approver=([^&\\s]+)&expires=(\\d+)&sig=([A-Za-z0-9_-]+)");

    private final InMemoryApprovalStore store = new InMemoryApprovalStore();
    private final Fakes.RecordingNotifier notifier = new Fakes.RecordingNotifier();
    private final Fakes.RecordingScheduler scheduler = new Fakes.RecordingScheduler();
    private final MutableClock clock = new MutableClock(NOW);
    private final LinkSigner signer = Fakes.signer();
    private final AtomicInteger ids = new AtomicInteger();
    private final ApprovalService service = new ApprovalService(
            store,
            notifier,
            scheduler,
            new ManagerMessages(signer, ApprovalLanguage.EN),
            clock,
            Fakes.MANAGER,
            Duration.ofHours(2),
            () -> String.format("apr_TestApprovalId%08d", ids.incrementAndGet()));

    static ApprovalRequest request(String executionId, String token, long window) {
        return new ApprovalRequest(
                token,
                executionId,
                new RequestSummary("CUST-98765", "Transportes Ñandú S.A.S.", 75, "premium", 15_000_000),
                window);
    }

    @Test
    void aRequestStoresOnePendingApprovalAndSendsOneMessageWithSignedLinksButNoToken() {
        ApprovalService.RequestResult result = service.request(request("exec-1", TOKEN, 86_400));

        Approval stored = store.get(result.approvalId());
        assertThat(stored.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(stored.taskToken()).isEqualTo(TOKEN);
        assertThat(stored.executionId()).isEqualTo("exec-1");
        assertThat(stored.expiresAt()).isEqualTo(NOW.plusSeconds(86_400)).isEqualTo(result.expiresAt());
        assertThat(stored.notifiedAt()).isNotNull();
        assertThat(stored.audit()).extracting(AuditEvent::event).containsExactly("requested", "notified");

        assertThat(notifier.messages).hasSize(1);
        ManagerMessage message = notifier.messages.get(0);
        assertThat(message.subject()).isEqualTo("Approval needed: Transportes Nandu S.A.S. (75 vehicles)");
        assertThat(message.body())
                .contains("CUST-98765", "Transportes Ñandú S.A.S.", "75", "Premium", "15,000,000 COP", "exec-1");
        assertThat(message.subject() + message.body()).doesNotContain(TOKEN).doesNotContain("abc123");

        Matcher links = LINK.matcher(message.body());
        int found = 0;
        while (links.find()) {
            found++;
            assertThat(links.group(1)).isEqualTo(result.approvalId());
            assertThat(links.group(0)).doesNotContain(TOKEN);
            Decision decision = Decision.fromSegment(links.group(2)).orElseThrow();
            assertThat(links.group(3)).isEqualTo("manager%40ccs.example");
            assertThat(Long.parseLong(links.group(4)))
                    .isEqualTo(result.expiresAt().getEpochSecond());
            assertThat(signer.verify(
                            result.approvalId(),
                            decision,
                            Long.parseLong(links.group(4)),
                            Fakes.MANAGER,
                            links.group(5)))
                    .isTrue();
        }
        assertThat(found).isEqualTo(2);
    }

    @Test
    void aReminderIsScheduledTheLeadTimeBeforeTheWindowCloses() {
        ApprovalService.RequestResult result = service.request(request("exec-1", TOKEN, 86_400));

        assertThat(scheduler.schedules)
                .containsExactly(java.util.Map.entry(
                        EventBridgeReminderScheduler.scheduleName(result.approvalId(), result.expiresAt()),
                        NOW.plusSeconds(86_400).minus(Duration.ofHours(2))));
    }

    @Test
    void aShortWindowIsRemindedHalfwayAndATinyOneNotAtAll() {
        assertThat(service.reminderTime(NOW, NOW.plus(Duration.ofHours(1)))).contains(NOW.plus(Duration.ofMinutes(30)));
        assertThat(service.reminderTime(NOW, NOW.plus(Duration.ofSeconds(90)))).isEmpty();
    }

    @Test
    void aRepeatedRequestReusesThePendingApprovalAndDoesNotNotifyTwice() {
        ApprovalService.RequestResult first = service.request(request("exec-1", TOKEN, 86_400));
        clock.advance(Duration.ofSeconds(5));
        ApprovalService.RequestResult second = service.request(request("exec-1", TOKEN, 86_400));

        assertThat(second.approvalId()).isEqualTo(first.approvalId());
        assertThat(second.expiresAt()).isEqualTo(first.expiresAt());
        assertThat(second.reused()).isTrue();
        assertThat(store.size()).isEqualTo(1);
        assertThat(notifier.messages).hasSize(1);
        assertThat(scheduler.schedules).hasSize(1);
    }

    @Test
    void aNewTaskAttemptRenewsTheApprovalWithItsTokenAndAWindowRestartedFromNow() {
        ApprovalService.RequestResult first = service.request(request("exec-1", TOKEN, 86_400));
        clock.advance(Duration.ofMinutes(10));

        ApprovalService.RequestResult retry = service.request(request("exec-1", "TOKEN-second-attempt", 86_400));

        assertThat(retry.approvalId()).isEqualTo(first.approvalId());
        assertThat(retry.expiresAt())
                .isEqualTo(clock.instant().plusSeconds(86_400))
                .isAfter(first.expiresAt());
        Approval renewed = store.get(first.approvalId());
        assertThat(renewed.taskToken()).isEqualTo("TOKEN-second-attempt");
        assertThat(renewed.expiresAt()).isEqualTo(retry.expiresAt());
        assertThat(renewed.audit())
                .extracting(AuditEvent::event)
                .containsExactly("requested", "notified", "token_replaced", "notified");
        // The manager gets the links of the new window, and a reminder before it closes.
        assertThat(notifier.messages).hasSize(2);
        ManagerMessage renewal = notifier.messages.get(1);
        assertThat(renewal.subject()).startsWith("Approval needed (new deadline): ");
        assertThat(renewal.body())
                .contains("&expires=" + retry.expiresAt().getEpochSecond() + "&")
                .doesNotContain("TOKEN-second");
        assertThat(scheduler.schedules)
                .containsEntry(
                        EventBridgeReminderScheduler.scheduleName(first.approvalId(), retry.expiresAt()),
                        retry.expiresAt().minus(Duration.ofHours(2)));

        // A duplicate of the new attempt changes nothing more.
        service.request(request("exec-1", "TOKEN-second-attempt", 86_400));
        assertThat(notifier.messages).hasSize(2);
        assertThat(store.get(first.approvalId()).expiresAt()).isEqualTo(retry.expiresAt());
    }

    @Test
    void aLinkOfTheFirstWindowExpiresAtItsOwnTimeWhileTheRenewedLinksStillDecide() {
        ApprovalService.RequestResult first = service.request(request("exec-1", TOKEN, 3_600));
        String oldApprove = linkQuery(notifier.messages.get(0), Decision.APPROVE);
        clock.advance(Duration.ofMinutes(30));
        ApprovalService.RequestResult retry = service.request(request("exec-1", "TOKEN-second-attempt", 3_600));
        Fakes.FakeTasks tasks = new Fakes.FakeTasks();
        DecisionService decisions = new DecisionService(store, tasks, signer, clock);

        clock.advance(Duration.ofMinutes(40)); // past the first window, inside the renewed one
        assertThat(decisions.handle(post(first.approvalId(), Decision.APPROVE, oldApprove)))
                .isInstanceOfSatisfying(
                        CallbackOutcome.Refused.class,
                        r -> assertThat(r.status()).isEqualTo(410));
        assertThat(store.get(first.approvalId()).status()).isEqualTo(ApprovalStatus.PENDING);

        CallbackOutcome decided = decisions.handle(
                post(first.approvalId(), Decision.APPROVE, linkQuery(notifier.messages.get(1), Decision.APPROVE)));

        assertThat(decided).isInstanceOf(CallbackOutcome.Recorded.class);
        assertThat(tasks.completed).containsOnlyKeys("TOKEN-second-attempt");
        assertThat(retry.expiresAt()).isAfter(clock.instant());
    }

    @Test
    void anOldLinkStillWithinItsOwnExpiryResumesTheNewAttempt() {
        ApprovalService.RequestResult first = service.request(request("exec-1", TOKEN, 3_600));
        String oldReject = linkQuery(notifier.messages.get(0), Decision.REJECT);
        clock.advance(Duration.ofMinutes(5));
        service.request(request("exec-1", "TOKEN-second-attempt", 3_600));
        Fakes.FakeTasks tasks = new Fakes.FakeTasks();

        CallbackOutcome decided = new DecisionService(store, tasks, signer, clock)
                .handle(post(first.approvalId(), Decision.REJECT, oldReject));

        assertThat(decided).isInstanceOf(CallbackOutcome.Recorded.class);
        assertThat(tasks.completed).containsOnlyKeys("TOKEN-second-attempt");
        assertThat(tasks.completed.get("TOKEN-second-attempt")).startsWith("{\"approved\":false");
    }

    @Test
    void theReminderOfAWindowThatWasRenewedIsSupersededAndTheNewWindowsReminderIsSent() {
        ApprovalService.RequestResult first = service.request(request("exec-1", TOKEN, 86_400));
        clock.advance(Duration.ofMinutes(10));
        ApprovalService.RequestResult retry = service.request(request("exec-1", "TOKEN-second-attempt", 86_400));
        clock.advance(Duration.ofHours(22));

        assertThat(service.remind(first.approvalId(), java.util.Optional.of(first.expiresAt())))
                .isEqualTo(new ApprovalService.ReminderResult(false, "superseded"));
        assertThat(service.remind(first.approvalId(), java.util.Optional.of(retry.expiresAt())))
                .isEqualTo(new ApprovalService.ReminderResult(true, "pending"));
        assertThat(notifier.messages).hasSize(3);
    }

    /** The signed query of the decision's link in a manager message. */
    private static String linkQuery(ManagerMessage message, Decision decision) {
        Matcher link = LINK.matcher(message.body());
        while (link.find()) {
            if (link.group(2).equals(decision.segment())) {
                return link.group(0).substring(link.group(0).indexOf('?') + 1);
            }
        }
        throw new AssertionError("no " + decision + " link in " + message.body());
    }

    private static CallbackRequest post(String approvalId, Decision decision, String query) {
        java.util.Map<String, String> q = new java.util.HashMap<>();
        for (String pair : query.split("&")) {
            q.put(
                    pair.substring(0, pair.indexOf('=')),
                    java.net.URLDecoder.decode(
                            pair.substring(pair.indexOf('=') + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return new CallbackRequest(
                "POST",
                approvalId,
                decision.segment(),
                q.get("approver"),
                q.get("expires"),
                q.get("sig"),
                null,
                "203.0.113.10",
                "Mozilla/5.0",
                "req-renewal");
    }

    @Test
    void aRequestWhosePublishFailedIsPublishedByItsRetryExactlyOnce() {
        notifier.failuresLeft = 1;
        assertThatThrownBy(() -> service.request(request("exec-1", TOKEN, 86_400)))
                .isInstanceOf(DependencyUnavailableException.class);
        assertThat(notifier.messages).isEmpty();

        ApprovalService.RequestResult retry = service.request(request("exec-1", TOKEN, 86_400));
        service.request(request("exec-1", TOKEN, 86_400));

        assertThat(store.size()).isEqualTo(1);
        assertThat(notifier.messages).hasSize(1);
        assertThat(notifier.messages.get(0).body()).contains(retry.approvalId());
    }

    @Test
    void aNewWaitOfTheSameExecutionAfterTheOldApprovalExpiredGetsANewApproval() {
        ApprovalService.RequestResult first = service.request(request("exec-1", TOKEN, 3_600));
        clock.advance(Duration.ofHours(2));

        ApprovalService.RequestResult second = service.request(request("exec-1", "TOKEN-redriven", 3_600));

        assertThat(second.approvalId()).isNotEqualTo(first.approvalId());
        assertThat(second.reused()).isFalse();
        assertThat(notifier.messages).hasSize(2);
    }

    @Test
    void theReminderResendsTheLinksWhilePendingOnlyOnce() {
        ApprovalService.RequestResult opened = service.request(request("exec-1", TOKEN, 86_400));
        clock.advance(Duration.ofHours(22));

        ApprovalService.ReminderResult reminded = service.remind(opened.approvalId());
        ApprovalService.ReminderResult again = service.remind(opened.approvalId());

        assertThat(reminded).isEqualTo(new ApprovalService.ReminderResult(true, "pending"));
        assertThat(again).isEqualTo(new ApprovalService.ReminderResult(false, "pending"));
        assertThat(notifier.messages).hasSize(2);
        ManagerMessage reminder = notifier.messages.get(1);
        assertThat(reminder.subject()).startsWith("Reminder");
        assertThat(reminder.body())
                .contains("closes in 2 h;", "/approvals/" + opened.approvalId() + "/approve?", "/reject?")
                .doesNotContain(TOKEN);
        assertThat(store.get(opened.approvalId()).remindedAt()).isEqualTo(clock.instant());
    }

    @Test
    void theReminderDoesNothingOnceADecisionIsIn() {
        ApprovalService.RequestResult opened = service.request(request("exec-1", TOKEN, 86_400));
        Approval stored = store.get(opened.approvalId());
        store.put(stored.withStatus(ApprovalStatus.REJECTED, new DecisionRecord(Fakes.MANAGER, NOW, null, "claim")));

        ApprovalService.ReminderResult result = service.remind(opened.approvalId());

        assertThat(result).isEqualTo(new ApprovalService.ReminderResult(false, "rejected"));
        assertThat(notifier.messages).hasSize(1);
    }

    @Test
    void theReminderDoesNothingAfterTheWindowOrForAnUnknownApproval() {
        ApprovalService.RequestResult opened = service.request(request("exec-1", TOKEN, 3_600));
        clock.advance(Duration.ofHours(1));

        assertThat(service.remind(opened.approvalId())).isEqualTo(new ApprovalService.ReminderResult(false, "expired"));
        assertThat(service.remind("apr_UnknownApproval0000001"))
                .isEqualTo(new ApprovalService.ReminderResult(false, "not_found"));
        assertThat(notifier.messages).hasSize(1);
    }

    @Test
    void aReminderForAMalformedIdIsInvalidInput() {
        assertThatThrownBy(() -> service.remind("EXECUTION#exec-1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("approval_id:");
    }
}
