package com.ccs.workflows.approval;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Answer;
import com.ccs.workflows.testing.HostileEvents;
import com.ccs.workflows.testing.LogHygiene;
import com.ccs.workflows.testing.LogScan;
import com.ccs.workflows.testing.MutableClock;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.TestLambdaContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * What the three approval handlers log (request, reminder, callback), for every sample event, for hostile events
 * and when SNS, Scheduler or Step Functions fail, holds no task token, no link signing secret, no link signature and
 * no document number (see {@link LogScan}). The callback reads the signing secret through
 * {@link SecretsManagerSigningKey} and resumes through {@link SfnTaskCallback}, both on in-memory AWS answers, one of
 * which quotes the token back as Step Functions' InvalidToken error does.
 */
class ApprovalLogHygieneTest {
    /** The sample events of the three approval functions, each in its own module's directory. */
    private static final List<String> MODULES = List.of("approval-request", "approval-reminder", "approval-callback");

    private static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");
    private static final String SAMPLE_ID = "apr_SampleApproval-0000001";
    /** The token of the approval the callbacks and reminders find: it is in the store, not in their events. */
    private static final String TOKEN = "TOKEN-log-hygiene-0123456789abcdef";

    private static final String SECRET_ARN =
            "arn:aws:secretsmanager:us-east-1:000000000000:secret:ccs-test-approval-signing";
    private static final LogScan SCAN =
            LogScan.create().secret("link signing secret", Fakes.TEST_SECRET).secret("task token", TOKEN);

    private static ApprovalService service(
            InMemoryApprovalStore store, ManagerNotifier notifier, ReminderScheduler scheduler) {
        return new ApprovalService(
                store,
                notifier,
                scheduler,
                new ManagerMessages(Fakes.signer(), ApprovalLanguage.ES_CO),
                new MutableClock(NOW),
                Fakes.MANAGER,
                Duration.ofHours(2),
                Approval::newId);
    }

    /** The sample approval, pending since {@code openedAgo}, its window closing when the sample links expire. */
    private static InMemoryApprovalStore pending(Duration openedAgo) {
        InMemoryApprovalStore store = new InMemoryApprovalStore();
        store.put(Fakes.pendingApproval(
                SAMPLE_ID,
                "exec-12345",
                TOKEN,
                new RequestSummary("CUST-98765", "Transportes ABC S.A.S.", 75, "premium", 15_000_000),
                NOW.minus(openedAgo),
                Instant.ofEpochSecond(4102444800L),
                NOW.minus(openedAgo)));
        return store;
    }

    private static Map<String, Object> sample(String name) {
        for (String module : MODULES) {
            if (java.nio.file.Files.isRegularFile(java.nio.file.Path.of("../../events/functions", module, name))) {
                return SampleEvents.load(module, name);
            }
        }
        throw new IllegalStateException("no sample event " + name + " in " + MODULES);
    }

    /** The sample events of one handler: callbacks are HTTP API events, requests carry a task token, reminders do not. */
    private static List<String> samples(String kind) {
        String module = switch (kind) {
            case "callback" -> "approval-callback";
            case "request" -> "approval-request";
            default -> "approval-reminder";
        };
        return LogHygiene.samples(module).stream()
                .filter(name -> {
                    Map<String, Object> event = sample(name);
                    return switch (kind) {
                        case "callback" -> event.containsKey("routeKey");
                        case "request" -> event.containsKey("task_token");
                        default -> !event.containsKey("routeKey") && !event.containsKey("task_token");
                    };
                })
                .toList();
    }

    private static ManagerNotifier snsDown() {
        return message -> {
            throw new DependencyUnavailableException("SNS", "Publish answered HTTP 503", null);
        };
    }

    @Test
    void approvalRequestsLogNoTokenSecretOrDocumentNumber() {
        Map<String, Object> request = sample("request.json");
        try (LogHygiene hygiene = new LogHygiene("approval-request", SCAN)) {
            for (String name : samples("request")) {
                Map<String, Object> event = sample(name);
                InMemoryApprovalStore store = new InMemoryApprovalStore();
                ApprovalRequestHandler handler = new ApprovalRequestHandler(
                        service(store, new Fakes.RecordingNotifier(), new Fakes.RecordingScheduler()));
                hygiene.invoke(name, event, () -> handler.handle(event, new TestLambdaContext("approval-request")));
                hygiene.invoke(
                        name + " again", event, () -> handler.handle(event, new TestLambdaContext("approval-request")));
                requestWith(hygiene, name + " with SNS down", event, snsDown(), new Fakes.RecordingScheduler());
                requestWith(
                        hygiene,
                        name + " with Scheduler down",
                        event,
                        new Fakes.RecordingNotifier(),
                        (id, expires, at) -> {
                            throw new DependencyUnavailableException(
                                    "EventBridge Scheduler", "CreateSchedule throttled", null);
                        });
            }
            HostileEvents events = HostileEvents.seeded();
            for (HostileEvents.Case c :
                    LogHygiene.pick(events.cases(request, 100), 400, Set.of("task_token", "execution_id"))) {
                requestWith(
                        hygiene,
                        c.toString(),
                        c.event(),
                        new Fakes.RecordingNotifier(),
                        new Fakes.RecordingScheduler());
            }
            hygiene.report();
        }
    }

    private static void requestWith(
            LogHygiene hygiene, String label, Object event, ManagerNotifier notifier, ReminderScheduler scheduler) {
        ApprovalRequestHandler handler =
                new ApprovalRequestHandler(service(new InMemoryApprovalStore(), notifier, scheduler));
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) event;
        hygiene.invoke(label, event, () -> handler.handle(map, new TestLambdaContext("approval-request")));
    }

    @Test
    void remindersLogNoTokenOrSecret() {
        Map<String, Object> reminder = sample("reminder.json");
        try (LogHygiene hygiene = new LogHygiene("approval-reminder", SCAN)) {
            for (String name : samples("reminder")) {
                Map<String, Object> event = sample(name);
                InMemoryApprovalStore store = pending(Duration.ofHours(22));
                remindWith(hygiene, name, event, store, new Fakes.RecordingNotifier());
                remindWith(hygiene, name + " again", event, store, new Fakes.RecordingNotifier());
                remindWith(hygiene, name + " with SNS down", event, pending(Duration.ofHours(22)), snsDown());
                remindWith(
                        hygiene,
                        name + " for an unknown approval",
                        event,
                        new InMemoryApprovalStore(),
                        new Fakes.RecordingNotifier());
            }
            HostileEvents events = HostileEvents.seeded();
            for (HostileEvents.Case c : LogHygiene.pick(events.cases(reminder, 100), 400, Set.of("approval_id"))) {
                remindWith(
                        hygiene, c.toString(), c.event(), pending(Duration.ofHours(22)), new Fakes.RecordingNotifier());
            }
            hygiene.report();
        }
    }

    private static void remindWith(
            LogHygiene hygiene, String label, Object event, InMemoryApprovalStore store, ManagerNotifier notifier) {
        ApprovalReminderHandler handler =
                new ApprovalReminderHandler(service(store, notifier, new Fakes.RecordingScheduler()));
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) event;
        hygiene.invoke(label, event, () -> handler.handle(map, new TestLambdaContext("approval-reminder")));
    }

    /** Step Functions in memory: SendTaskSuccess answered with {@code status} and an error quoting the token. */
    private static TaskCallback stepFunctionsAnswering(int status, String errorType) {
        InMemorySdkHttpClient http = new InMemorySdkHttpClient(call -> new Answer(
                status,
                "application/x-amz-json-1.0",
                "{\"__type\":\"" + errorType + "\",\"message\":\"Invalid Token: '" + TOKEN + "'\"}"));
        SfnClient sfn = http.client(SfnClient.builder());
        return new SfnTaskCallback(sfn);
    }

    /** The link signer reading the documented test secret from Secrets Manager, in memory. */
    private static LinkSigner signerFromSecretsManager() {
        InMemorySdkHttpClient http = new InMemorySdkHttpClient(call -> Answer.secretValue(Fakes.TEST_SECRET));
        return new LinkSigner(new SecretsManagerSigningKey(http.secrets(), SECRET_ARN), Fakes.BASE_URL);
    }

    @Test
    void callbacksLogNoTokenSecretOrSignature() throws Exception {
        List<Supplier<TaskCallback>> stepFunctions = List.of(
                Fakes.FakeTasks::new,
                () -> {
                    Fakes.FakeTasks tasks = new Fakes.FakeTasks();
                    tasks.faults.add(new TaskClosedException("TaskTimedOut"));
                    return tasks;
                },
                () -> {
                    Fakes.FakeTasks tasks = new Fakes.FakeTasks();
                    tasks.faults.add(new DependencyUnavailableException(
                            "Step Functions", "ThrottlingException (HTTP 400)", null));
                    return tasks;
                },
                () -> stepFunctionsAnswering(400, "InvalidToken"),
                () -> stepFunctionsAnswering(500, "InternalServerError"));
        try (LogHygiene hygiene = new LogHygiene("approval-callback", SCAN)) {
            for (String name : samples("callback")) {
                Map<String, Object> event = sample(name);
                for (int s = 0; s < stepFunctions.size(); s++) {
                    callbackWith(
                            hygiene,
                            name + " with Step Functions #" + s,
                            event,
                            stepFunctions.get(s).get(),
                            Fakes.signer());
                }
                callbackWith(
                        hygiene,
                        name + " with the secret from Secrets Manager",
                        event,
                        new Fakes.FakeTasks(),
                        signerFromSecretsManager());
            }
            HostileEvents events = HostileEvents.seeded();
            for (HostileEvents.Case c : LogHygiene.pick(
                    events.cases(sample("approve.json"), 100),
                    400,
                    Set.of("queryStringParameters.sig", "rawQueryString", "pathParameters.approval_id", "body"))) {
                if (!(c.event() instanceof Map<?, ?> map)) {
                    continue; // API Gateway always sends an object
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> http = (Map<String, Object>) map;
                callbackWith(hygiene, c.toString(), c.event(), http, new Fakes.FakeTasks(), Fakes.signer());
            }
            hygiene.report();
        }
    }

    private static void callbackWith(
            LogHygiene hygiene, String label, Map<String, Object> event, TaskCallback tasks, LinkSigner signer) {
        callbackWith(hygiene, label, event, event, tasks, signer);
    }

    /** One callback on a fresh pending approval; {@code scanned} is the event as JSON maps, for the scan's personal fields. */
    private static void callbackWith(
            LogHygiene hygiene,
            String label,
            Object scanned,
            Map<String, Object> event,
            TaskCallback tasks,
            LinkSigner signer) {
        ApprovalCallbackHandler handler = new ApprovalCallbackHandler(
                new DecisionService(pending(Duration.ofHours(1)), tasks, signer, new MutableClock(NOW)));
        hygiene.invoke(label, scanned, () -> handler.handle(event, new TestLambdaContext("approval-callback")));
    }
}
