package com.ccs.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.contract.Requests;
import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.CapturedLogs;
import com.ccs.workflows.testing.MutableClock;
import com.ccs.workflows.testing.TestLambdaContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalRequestHandlerTest {
    private static final Path EVENTS = Path.of("../../events/functions/approval-request");
    private static final String SAMPLE_TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAexampleTaskTokenForLocalTestsOnly==";
    private static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");

    private final InMemoryApprovalStore store = new InMemoryApprovalStore();
    private final Fakes.RecordingNotifier notifier = new Fakes.RecordingNotifier();
    private final Fakes.RecordingScheduler scheduler = new Fakes.RecordingScheduler();
    private final ApprovalRequestHandler handler = new ApprovalRequestHandler(new ApprovalService(
            store,
            notifier,
            scheduler,
            new ManagerMessages(Fakes.signer(), ApprovalLanguage.EN),
            new MutableClock(NOW),
            Fakes.MANAGER,
            Duration.ofHours(2),
            Approval::newId));

    static Map<String, Object> sample(String file) throws Exception {
        return SimpleJson.parseObject(Files.readString(EVENTS.resolve(file)));
    }

    @Test
    void theSampleRequestOpensAnApprovalAndNotifiesOnce() throws Exception {
        Map<String, Object> event = sample("request.json");
        try (CapturedLogs logs = new CapturedLogs()) {
            Map<String, Object> output = handler.handle(event, new TestLambdaContext("approval-request"));
            Map<String, Object> repeated = handler.handle(event, new TestLambdaContext("approval-request"));

            assertThat(output).containsOnlyKeys("approval_id", "expires_at", "notified");
            assertThat((String) output.get("approval_id")).matches(Approval.ID_FORMAT);
            assertThat(output.get("expires_at"))
                    .isEqualTo(NOW.plusSeconds(86_400).getEpochSecond());
            assertThat(output.get("notified")).isEqualTo(true);
            assertThat(repeated).isEqualTo(output);
            assertThat(notifier.messages).hasSize(1);
            assertThat(notifier.messages.get(0).toString()).doesNotContain(SAMPLE_TOKEN);
            assertThat(logs.text()).contains((String) output.get("approval_id")).doesNotContain(SAMPLE_TOKEN);
        }
        assertThat(scheduler.schedules).hasSize(1);
    }

    @Test
    void theRequestIsReadByTheContractRulesAndSummarisedForTheManager() throws Exception {
        handler.handle(sample("request.json"), new TestLambdaContext("approval-request"));

        assertThat(notifier.messages.get(0).body())
                .contains("Company:         Transportes ABC S.A.S.")
                .contains("Vehicles:        75")
                .contains("15,000,000 COP");
    }

    @Test
    void invalidInputNamesTheFieldAndNeverEchoesTheToken() throws Exception {
        for (var c : List.of(
                new Object[] {"task_token", null, "task_token"},
                new Object[] {"task_token", "T".repeat(3000), "task_token"},
                new Object[] {"approval_window_seconds", 5, "approval_window_seconds"},
                new Object[] {"request", Map.of("customer_id", "C"), "request.document_type"},
                new Object[] {"request", Requests.with("vehicles[1].plate", "AB-1234"), "request.vehicles[1].plate"},
                new Object[] {"execution_id", 42, "execution_id"})) {
            Map<String, Object> event = sample("request.json");
            event.put((String) c[0], c[1]);

            assertThatThrownBy(() -> handler.handle(event, new TestLambdaContext("approval-request")))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.field()).isEqualTo(c[2]);
                        assertThat(e.getMessage()).doesNotContain("TTTT");
                    });
        }
        assertThat(store.size()).isZero();
        assertThat(notifier.messages).isEmpty();
    }

    @Test
    void theTokenIsRedactedFromTheRecordsStringForms() throws Exception {
        ApprovalRequest request = ApprovalRequest.from(sample("request.json"));
        Approval approval = Approval.pending(Approval.newId(), request, Fakes.MANAGER, NOW);

        assertThat(request.toString() + approval).doesNotContain(SAMPLE_TOKEN).contains("<redacted>");
    }
}
