package com.ccs.workflows.approvalcallback;

import com.ccs.workflows.shared.event.JsonText;
import com.ccs.workflows.shared.event.MiniJson;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Answer;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Call;
import com.ccs.workflows.shared.priming.Priming;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * SnapStart priming for the three approval functions: before the snapshot, the path of the function being
 * snapshotted (opening an approval, reminding the approver, or deciding through a signed link) runs through the
 * real services and AWS adapters on SDK clients whose HTTP client answers in memory. Nothing reaches AWS, nothing
 * is stored, published, scheduled or resumed, no metric is emitted, and the function's own clients and signing key
 * are not touched. The services log as they do for a request, with priming ids.
 */
final class ApprovalPriming {
    private static final String APPROVAL_ID = "apr_PrimingApproval-000001";
    private static final String MANAGER = "manager@priming.invalid";
    private static final long EXPIRES = 4_102_444_800L;
    private static final String SECRET = "priming-signing-secret-of-at-least-32-bytes";

    /** The three functions of the module. */
    enum Path { REQUEST, REMINDER, CALLBACK }

    /** What priming exercised. */
    record Report(int invocations, Map<String, Integer> sdkRequests) {
    }

    private ApprovalPriming() {
    }

    /** Registers priming of {@code path} with the snapshot; called by the handler Lambda constructs. */
    static void register(Path path) {
        Priming.register("approval " + path.name().toLowerCase(Locale.ROOT), rounds -> prime(path, rounds));
    }

    static Report prime(Path path, int rounds) {
        InMemorySdkHttpClient http = new InMemorySdkHttpClient(ApprovalPriming::answer);
        int invocations = 0;
        try (SecretsManagerClient secrets = http.client(SecretsManagerClient.builder());
             DynamoDbClient dynamo = http.client(DynamoDbClient.builder());
             SnsClient sns = http.client(SnsClient.builder());
             SchedulerClient scheduler = http.client(SchedulerClient.builder());
             SfnClient sfn = http.client(SfnClient.builder())) {
            DynamoDbApprovalStore store = new DynamoDbApprovalStore(dynamo, "ccs-priming-approvals");
            LinkSigner signer = new LinkSigner(new SecretsManagerSigningKey(secrets, "arn:aws:secretsmanager:us-east-1:000000000000:secret:ccs-priming"),
                    "https://priming.invalid");
            ApprovalService approvals = new ApprovalService(store, new SnsManagerNotifier(sns, "arn:aws:sns:us-east-1:000000000000:ccs-priming"),
                    new EventBridgeReminderScheduler(scheduler, "ccs-priming", "arn:aws:lambda:us-east-1:000000000000:function:ccs-priming",
                            "arn:aws:iam::000000000000:role/ccs-priming"),
                    new ManagerMessages(signer), Clock.systemUTC(), MANAGER, Env.DEFAULT_REMINDER_LEAD, Approval::newId);
            DecisionService decisions = new DecisionService(store, new SfnTaskCallback(sfn), signer, Clock.systemUTC());
            for (int round = 0; round < rounds; round++) {
                boolean done = switch (path) {
                    case REQUEST -> approvals.request(ApprovalRequest.from(requestEvent(round))).notified();
                    case REMINDER -> approvals.remind(APPROVAL_ID, java.util.Optional.of(java.time.Instant.ofEpochSecond(EXPIRES))).reminded();
                    case CALLBACK -> {
                        HttpApiEvent event = HttpApiEvent.from(MiniJson.parseObject(callbackEvent(signer)));
                        HttpApiResponse response = HttpResponses.render(decisions.handle(CallbackRequests.from(event)),
                                CallbackRequests.wantsJson(event));
                        yield JsonText.document(response.toMap()).startsWith("{\"statusCode\":200,");
                    }
                };
                if (!done) {
                    throw new IllegalStateException("priming of " + path + " did not reach the end of its path");
                }
                invocations++;
            }
        }
        return new Report(invocations, http.requests());
    }

    private static Map<String, Object> requestEvent(int round) {
        return Map.of("task_token", "priming-task-token", "execution_id", "priming-" + round,
                "request", Map.of("customer_id", "CUST-PRIMING", "company_name", "Priming S.A.S.", "number_of_vehicles", 75,
                        "contract_type", "premium", "estimated_value", 15000000),
                "approval_window_seconds", 86400);
    }

    /** The POST the confirmation page sends, signed with the priming secret, as API Gateway sends it. */
    private static String callbackEvent(LinkSigner signer) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("rawPath", "/approvals/" + APPROVAL_ID + "/approve");
        event.put("pathParameters", Map.of("approval_id", APPROVAL_ID, "decision", "approve"));
        event.put("queryStringParameters", Map.of("approver", MANAGER, "expires", Long.toString(EXPIRES),
                "sig", signer.sign(APPROVAL_ID, Decision.APPROVE, EXPIRES, MANAGER)));
        event.put("headers", Map.of("content-type", "application/x-www-form-urlencoded", "accept", "text/html"));
        event.put("body", "comment=priming");
        event.put("isBase64Encoded", false);
        event.put("requestContext", Map.of("requestId", "priming",
                "http", Map.of("method", "POST", "sourceIp", "127.0.0.1", "userAgent", "priming")));
        return JsonText.document(event);
    }

    /** The approvals table's pending approval (or decided, after a claim), as DynamoDB returns it. */
    private static String approvalItem(boolean decided) {
        return "{\"approval_id\":{\"S\":\"" + APPROVAL_ID + "\"},\"record_type\":{\"S\":\"approval\"},"
                + "\"execution_id\":{\"S\":\"priming\"},\"task_token\":{\"S\":\"priming-task-token\"},"
                + "\"customer_id\":{\"S\":\"CUST-PRIMING\"},\"company_name\":{\"S\":\"Priming S.A.S.\"},"
                + "\"number_of_vehicles\":{\"N\":\"75\"},\"contract_type\":{\"S\":\"premium\"},\"estimated_value\":{\"N\":\"15000000\"},"
                + "\"approver\":{\"S\":\"" + MANAGER + "\"},\"status\":{\"S\":\"" + (decided ? "approved" : "pending") + "\"},"
                + "\"created_at\":{\"S\":\"2026-01-01T00:00:00Z\"},\"expires_at\":{\"N\":\"" + EXPIRES + "\"},"
                + "\"ttl\":{\"N\":\"" + (EXPIRES + 7_776_000) + "\"},\"audit\":{\"L\":[]}"
                + (decided ? ",\"decided_by\":{\"S\":\"" + MANAGER + "\"},\"decided_at\":{\"S\":\"2026-01-01T00:00:00Z\"},"
                + "\"decision_claim\":{\"S\":\"priming\"}" : "") + "}";
    }

    /**
     * The five services in memory: Secrets Manager holds the secret, no approval is open for the execution, the
     * sample approval is pending, every write applies, publishes and schedules are accepted, the task waits.
     */
    private static Answer answer(Call call) {
        return switch (call.operation()) {
            case "GetSecretValue" -> Answer.json("{\"Name\":\"ccs-priming\",\"SecretString\":\"" + SECRET + "\"}");
            // The marker of an execution is absent; the sample approval is pending.
            case "GetItem" -> Answer.json(call.body().contains("EXECUTION#") ? "{}" : "{\"Item\":" + approvalItem(false) + "}");
            case "TransactWriteItems", "SendTaskSuccess" -> Answer.json("{}");
            case "UpdateItem" -> Answer.json("{\"Attributes\":" + approvalItem(call.body().contains(":decided")) + "}");
            case "Publish" -> Answer.xml("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                    + "<MessageId>priming</MessageId></PublishResult></PublishResponse>");
            case "CreateSchedule" -> Answer.json("{\"ScheduleArn\":\"arn:aws:scheduler:us-east-1:000000000000:schedule/ccs-priming/priming\"}");
            default -> throw new IllegalStateException("priming does not expect " + call.operation());
        };
    }
}
