package com.ccs.workflows.approval;

import com.ccs.workflows.shared.aws.SecretsManagerSecrets;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Answer;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Call;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the SnapStart priming of the three approval functions shares ({@code RequestPriming},
 * {@code ReminderPriming}, {@code CallbackPriming}, one in each function): before the snapshot, the function's
 * path (opening an approval, reminding the approver, or deciding through a signed link) runs through the real
 * services and AWS adapters on SDK clients whose HTTP client answers in memory, here. Nothing reaches AWS, nothing
 * is stored, published, scheduled or resumed, no metric is emitted, and the function's own clients and signing key
 * are not touched. The services log as they do for a request, with priming ids. Each function builds only the
 * clients it uses, so its snapshot holds no other service's classes.
 */
final class ApprovalPriming {
    static final String APPROVAL_ID = "apr_PrimingApproval-000001";
    static final String MANAGER = "manager@priming.invalid";
    static final long EXPIRES = 4_102_444_800L;
    private static final String SECRET = "priming-signing-secret-of-at-least-32-bytes";

    /** What priming exercised. */
    record Report(int invocations, Map<String, Integer> sdkRequests) {}

    private ApprovalPriming() {}

    /** An HTTP client answering every approval service in memory (see {@link #answer}). */
    static InMemorySdkHttpClient http() {
        return new InMemorySdkHttpClient(ApprovalPriming::answer);
    }

    static DynamoDbApprovalStore store(DynamoDbClient dynamo) {
        return new DynamoDbApprovalStore(dynamo, "ccs-priming-approvals");
    }

    /** The link signer on the priming secret, read through the real Secrets Manager adapter. */
    static LinkSigner signer(SecretsManagerSecrets secrets) {
        return new LinkSigner(
                new SecretsManagerSigningKey(
                        secrets, "arn:aws:secretsmanager:us-east-1:000000000000:secret:ccs-priming"),
                "https://priming.invalid");
    }

    /** The adapter of the manager topic, on the priming topic. */
    static String topicArn() {
        return "arn:aws:sns:us-east-1:000000000000:ccs-priming";
    }

    static void check(boolean done, String path) {
        if (!done) {
            throw new IllegalStateException("priming of " + path + " did not reach the end of its path");
        }
    }

    /** The approvals table's pending approval (or decided, after a claim), as DynamoDB returns it. */
    static String approvalItem(boolean decided) {
        return "{\"approval_id\":{\"S\":\"" + APPROVAL_ID + "\"},\"record_type\":{\"S\":\"approval\"},"
                + "\"execution_id\":{\"S\":\"priming\"},\"task_token\":{\"S\":\"priming-task-token\"},"
                + "\"customer_id\":{\"S\":\"CUST-PRIMING\"},\"company_name\":{\"S\":\"Priming S.A.S.\"},"
                + "\"document_type\":{\"S\":\"NIT\"},\"document_id\":{\"S\":\"900123456-8\"},"
                + "\"plates\":{\"L\":[{\"S\":\"ABC123\"},{\"S\":\"DEF456\"}]},"
                + "\"number_of_vehicles\":{\"N\":\"75\"},\"contract_type\":{\"S\":\"premium\"},\"estimated_value\":{\"N\":\"15000000\"},"
                + "\"approver\":{\"S\":\"" + MANAGER + "\"},\"status\":{\"S\":\"" + (decided ? "approved" : "pending")
                + "\"},"
                + "\"created_at\":{\"S\":\"2026-01-01T00:00:00Z\"},\"expires_at\":{\"N\":\"" + EXPIRES + "\"},"
                + "\"ttl\":{\"N\":\"" + (EXPIRES + 7_776_000) + "\"},\"audit\":{\"L\":[]}"
                + (decided
                        ? ",\"decided_by\":{\"S\":\"" + MANAGER + "\"},\"decided_at\":{\"S\":\"2026-01-01T00:00:00Z\"},"
                                + "\"decision_claim\":{\"S\":\"priming\"}"
                        : "")
                + "}";
    }

    /**
     * The five services in memory: Secrets Manager holds the secret, no approval is open for the execution, the
     * sample approval is pending, every write applies, publishes and schedules are accepted, the task waits.
     */
    static Answer answer(Call call) {
        return switch (call.operation()) {
            case "GetSecretValue" -> Answer.secretValue(SECRET);
            // The marker of an execution is absent; the sample approval is pending.
            case "GetItem" ->
                Answer.json(call.body().contains("EXECUTION#") ? "{}" : "{\"Item\":" + approvalItem(false) + "}");
            case "TransactWriteItems", "SendTaskSuccess" -> Answer.json("{}");
            case "UpdateItem" ->
                Answer.json("{\"Attributes\":" + approvalItem(call.body().contains(":decided")) + "}");
            case "Publish" ->
                Answer.xml("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                        + "<MessageId>priming</MessageId></PublishResult></PublishResponse>");
            case "CreateSchedule" ->
                Answer.json(
                        "{\"ScheduleArn\":\"arn:aws:scheduler:us-east-1:000000000000:schedule/ccs-priming/priming\"}");
            default -> throw new IllegalStateException("priming does not expect " + call.operation());
        };
    }
}
